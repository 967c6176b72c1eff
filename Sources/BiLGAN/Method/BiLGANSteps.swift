import Datasets
import NN
import TensorCore
import Training

/// The two phases' iterations and the terms they share. Every update names the optimiser of the one
/// network it changes; frozen networks are used but never differentiated for their own weights.
extension BiLGAN {
    /// The real batch at r₁: ↓x and its UV field and face mask, downsampled the same way.
    struct PhaseOneReal {
        let x: Tensor
        let uv: Tensor?
        let mask: Tensor?
    }

    func phaseOneReal(_ batch: Batch) -> PhaseOneReal {
        PhaseOneReal(x: networks.down(batch.images), uv: batch.uv.map(networks.down), mask: batch.uvMask.map(networks.down))
    }

    /// Initial phase at r₁: T step, D_uv/D_a step, (MINE step), G1 step.
    func initialStep(_ batch: Batch, targets: Tensor, pairing: [Int]) -> [String: Float] {
        let (g1, teacher) = (networks.g1, networks.teacher)
        let real = phaseOneReal(batch)
        let fake = withoutGradients { g1(real.x, labels: targets) }
        var losses: [String: Float] = [:]
        for _ in 0..<settings.criticUpdates {
            let lossReal = AdversarialLoss.leastSquares(teacher(real.x).source, real: true)
            let lossFake = AdversarialLoss.leastSquares(teacher(fake).source, real: false)
            teacherOptimizer.update(gradients: gradients(of: lossReal + lossFake, wrt: teacher.parameters().map(\.value)))
            losses = ["T/loss_real": lossReal.scalar, "T/loss_fake": lossFake.scalar]
        }
        losses.merge(auxiliaryStep(real, labels: batch.labels)) { $1 }
        if statistics != nil { losses.merge(statisticsStep(inputs: real.x, outputs: fake, pairing: pairing)) { $1 } }

        let y = g1(real.x, labels: targets)
        let adversarial = AdversarialLoss.leastSquares(teacher(y).source, real: true)
        var (terms, termLosses) = generatorTerms(real, generated: y, targets: targets, pairing: pairing,
                                                 cycle: { l1Loss(real.x, g1(y, labels: batch.labels)) })
        if let paired = batch.pairedImages { terms = terms + pixelTerm(y, groundTruth: networks.down(paired), losses: &termLosses) }
        let loss = adversarial * settings.lambdaAdversarial + terms
        g1Optimizer.update(gradients: gradients(of: loss, wrt: g1.parameters().map(\.value)))
        losses["G/loss_adv"] = adversarial.scalar
        return losses.merging(termLosses) { $1 }
    }

    /// Enhancing phase at r₂ (and every iteration of `single-phase`): student D step, (D_uv/D_a step
    /// when they keep training), (MINE step), then one step of G1 and G2 together.
    func enhancingStep(_ batch: Batch, targets: Tensor, pairing: [Int], alpha: Float) -> [String: Float] {
        let (student, teacher) = (networks.student, networks.teacher)
        let x = batch.images
        let real = phaseOneReal(batch)
        let generate = { (input: Tensor, labels: Tensor) in self.networks.enhanced(input, labels: labels, fadeIn: alpha) }
        let inherited = switches.phaseTwoAdversarial == .inherited

        let fake = withoutGradients { generate(x, targets) }
        var losses: [String: Float] = ["alpha": alpha]
        let target = inherited ? InheritedAdversarialLoss.teacherTarget(withoutGradients { teacher(real.x).source }) : nil
        for _ in 0..<settings.criticUpdates {
            let (scoreReal, scoreFake) = (student(x).source, student(fake).source)
            let lossFake = scoreFake.squared().mean()
            let lossD = target.map { InheritedAdversarialLoss.discriminator(real: scoreReal, fake: scoreFake, target: $0) }
                ?? AdversarialLoss.leastSquares(scoreReal, real: true) + AdversarialLoss.leastSquares(scoreFake, real: false)
            var penalised = lossD
            if let gamma = settings.studentGradientPenalty, gamma > 0 {
                let r1 = GradientPenalty.r1(critic: { student($0).source }, real: x)
                penalised = lossD + r1 * (gamma / 2)
                losses["D/r1"] = r1.scalar
            }
            studentOptimizer.update(gradients: gradients(of: penalised, wrt: student.parameters().map(\.value)))
            losses["D/loss_fake"] = lossFake.scalar
            losses["D/loss_real"] = lossD.scalar - lossFake.scalar
        }
        if let target { losses["D/teacher_target"] = target.mean().scalar }
        if switches.auxiliaryInPhaseTwo == .training { losses.merge(auxiliaryStep(real, labels: batch.labels)) { $1 } }
        if statistics != nil {
            losses.merge(statisticsStep(inputs: real.x, outputs: networks.down(fake), pairing: pairing)) { $1 }
        }

        let y = generate(x, targets)
        let yDown = networks.down(y)
        let adversarial: Tensor
        if inherited {
            let judged = settings.omegaSource == .generated ? yDown : real.x
            let scores = withoutGradients { InheritedAdversarialLoss.teacherTarget(teacher(judged).source) }
            let omega = InheritedAdversarialLoss.importanceWeights(teacherScores: scores)
            adversarial = InheritedAdversarialLoss.generator(fake: student(y).source, weights: omega)
            losses["G/omega_max"] = omega.scalars.max() ?? 1
        } else {
            adversarial = AdversarialLoss.leastSquares(student(y).source, real: true)
        }
        var (terms, termLosses) = generatorTerms(real, generated: yDown, targets: targets, pairing: pairing,
                                                 cycle: { l1Loss(x, generate(y, batch.labels)) })
        if let paired = batch.pairedImages { terms = terms + pixelTerm(y, groundTruth: paired, losses: &termLosses) }
        let loss = adversarial * settings.lambdaAdversarial + terms
        let g1Parameters = networks.g1.parameters().map(\.value), g2Parameters = networks.g2.parameters().map(\.value)
        let grads = gradients(of: loss, wrt: g1Parameters + g2Parameters)
        g1Optimizer.update(gradients: Array(grads[..<g1Parameters.count]))
        g2Optimizer.update(gradients: Array(grads[g1Parameters.count...]))
        losses["G/loss_adv"] = adversarial.scalar
        return losses.merging(termLosses) { $1 }
    }

    /// D_uv (masked L1 to the UV field, when the geometry term applies) and D_a (domain classification)
    /// on the real images at r₁. D_a's batch norms run in training mode only here.
    func auxiliaryStep(_ real: PhaseOneReal, labels: Tensor) -> [String: Float] {
        var losses: [String: Float] = [:]
        if configuration.geometry, let uv = real.uv, let mask = real.mask {
            let loss = AuxiliaryLosses.maskedL1(auxiliary.uv(real.x), uv, mask: mask)
            uvOptimizer.update(gradients: gradients(of: loss, wrt: auxiliary.uv.parameters().map(\.value)))
            losses["Duv/loss_uv"] = loss.scalar
        }
        auxiliary.attributes.train()
        defer { auxiliary.attributes.eval() }
        let loss = classification(auxiliary.attributes(real.x), labels)
        attributeOptimizer.update(gradients: gradients(of: loss, wrt: auxiliary.attributes.parameters().map(\.value)))
        losses["Da/loss_cls"] = loss.scalar
        return losses
    }

    /// λ_pixel · ‖y − ground truth‖₁ of the paired tasks (§4.3), at y's resolution.
    func pixelTerm(_ y: Tensor, groundTruth: Tensor, losses: inout [String: Float]) -> Tensor {
        let pixel = l1Loss(y, groundTruth)
        losses["G/loss_pixel"] = pixel.scalar
        return pixel * settings.lambdaPixel
    }

    /// MINE's statistics network ascends the Donsker–Varadhan bound on the current outputs (held fixed).
    func statisticsStep(inputs: Tensor, outputs: Tensor, pairing: [Int]) -> [String: Float] {
        guard let statistics, let statisticsOptimizer else { return [:] }
        let (a, b) = withoutGradients { (auxiliary.recogniser.embedding(inputs), auxiliary.recogniser.embedding(outputs)) }
        let bound = MINEBound.estimate(inputs: a, outputs: b, statistics: statistics, pairing: pairing)
        statisticsOptimizer.update(gradients: gradients(of: -bound, wrt: statistics.parameters().map(\.value)))
        return ["MINE/bound": bound.scalar]
    }

    /// λ_geo·geometry + λ_attr·attribute + λ_id·identity for generated images `y` at r₁ (G1's output, or
    /// ↓G(x, c′) in phase 2), differentiable with respect to `y` only.
    func generatorTerms(_ real: PhaseOneReal, generated y: Tensor, targets: Tensor, pairing: [Int],
                        cycle: () -> Tensor) -> (Tensor, [String: Float]) {
        var total = Tensor.zeros([])
        var losses: [String: Float] = [:]
        if configuration.geometry, let uv = real.uv, let mask = real.mask {
            let geometry = AuxiliaryLosses.maskedL1(auxiliary.uv(y), uv, mask: mask)
            total = total + geometry * settings.lambdaGeometry
            losses["G/loss_geo"] = geometry.scalar
        }
        let attribute = classification(auxiliary.attributes(y), targets)
        total = total + attribute * settings.lambdaAttribute
        losses["G/loss_attr"] = attribute.scalar
        let identity: Tensor?
        switch switches.identityTerm {
        case .infoNCE:
            let anchors = withoutGradients { auxiliary.recogniser.embedding(real.x) }
            identity = -MutualPerceptualInformation.infoNCE(inputs: anchors, outputs: auxiliary.recogniser.embedding(y),
                                                            temperature: settings.criticTemperature)
        case .mine:
            let anchors = withoutGradients { auxiliary.recogniser.embedding(real.x) }
            identity = statistics.map {
                -MINEBound.estimate(inputs: anchors, outputs: auxiliary.recogniser.embedding(y), statistics: $0, pairing: pairing)
            }
        case .cycle: identity = cycle()
        case .none: identity = nil
        }
        if let identity {
            total = total + identity * settings.lambdaIdentity
            losses["G/loss_id"] = identity.scalar
        }
        return (total, losses)
    }
}
