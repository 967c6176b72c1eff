import Datasets
import NN
import TensorCore
import Training

/// One CycleGAN model (`cycle_gan_model.py`): two generators, two discriminators, two image pools,
/// one Adam over both generators and one over both discriminators (L94–95).
public final class CycleGANModel: Module {
    public let netGA: CycleGANGenerator
    public let netGB: CycleGANGenerator
    public let netDA: PatchDiscriminator
    public let netDB: PatchDiscriminator
    public let fakeAPool: ImagePool
    public let fakeBPool: ImagePool

    init(settings s: CycleGANSettings, imageSize: Int, generator g: inout RandomGenerator) {
        netGA = CycleGANGenerator(ngf: s.generatorFilters, residualBlocks: s.residualBlocks, generator: &g)
        netGB = CycleGANGenerator(ngf: s.generatorFilters, residualBlocks: s.residualBlocks, generator: &g)
        netDA = PatchDiscriminator(ndf: s.discriminatorFilters, generator: &g)
        netDB = PatchDiscriminator(ndf: s.discriminatorFilters, generator: &g)
        fakeAPool = ImagePool(capacity: s.poolSize, imageShape: [3, imageSize, imageSize])
        fakeBPool = ImagePool(capacity: s.poolSize, imageShape: [3, imageSize, imageSize])
    }

    var generatorParameters: [Parameter] { netGA.parameters() + netGB.parameters() }
    var discriminatorParameters: [Parameter] { netDA.parameters() + netDB.parameters() }
}

/// The parameters of several modules as one module (one optimiser over G_A and G_B).
final class ModuleGroup: Module {
    let members: [Module]
    init(_ members: [Module]) { self.members = members }
}

/// CycleGAN (Zhu et al. 2017) as a multi-domain baseline by pairwise models (`baselines.md` §2.5,
/// §2.8): one `CycleGANModel` per `DomainPair`. Each iteration trains every pair on the images of
/// its two domains found in the batch (up to `imagesPerDomain` each; a pair missing a side sits the
/// iteration out), in upstream's order: the generators' step with the discriminators fixed,
///   L_G = LS(D_A(G_A(a)), 1) + LS(D_B(G_B(b)), 1) + λ‖G_B(G_A(a)) − a‖₁ + λ‖G_A(G_B(b)) − b‖₁
///         + λ_idt·λ(‖G_A(b) − b‖₁ + ‖G_B(a) − a‖₁),
/// then the discriminators' step on pooled fakes, ½(LS(D(real), 1) + LS(D(pool(fake)), 0)) each.
/// Translation chains the pairs (`PairChain`).
public final class CycleGAN: TrainingMethod {
    public let settings: CycleGANSettings
    public let pairs: [DomainPair]
    public let models: [CycleGANModel]
    let domains: DomainSelection
    let generatorOptimizers: [Adam]
    let discriminatorOptimizers: [Adam]
    let generatorGroups: [ModuleGroup]
    let discriminatorGroups: [ModuleGroup]

    public init(settings: CycleGANSettings, context: MethodContext, pairs: [DomainPair]) {
        self.settings = settings
        self.pairs = pairs
        domains = context.domains
        var random = RandomGenerator(seed: context.seed, stream: MethodContext.initialisationStream)
        models = pairs.map { _ in CycleGANModel(settings: settings, imageSize: context.imageSize, generator: &random) }
        generatorGroups = models.map { ModuleGroup([$0.netGA, $0.netGB]) }
        discriminatorGroups = models.map { ModuleGroup([$0.netDA, $0.netDB]) }
        generatorOptimizers = models.map { Adam($0.generatorParameters, learningRate: settings.learningRate, beta1: settings.beta1, beta2: settings.beta2) }
        discriminatorOptimizers = models.map { Adam($0.discriminatorParameters, learningRate: settings.learningRate, beta1: settings.beta1, beta2: settings.beta2) }
    }

    /// The pairs for a dataset's domains; nil when the harness defines none for it.
    public static func pairs(for domains: DomainSelection) -> [DomainPair]? {
        domains == .bilganCelebAHQ ? DomainPair.bilganCelebAHQ : nil
    }

    public var checkpointModules: [(name: String, module: Module)] {
        zip(pairs, models).map { ($0.name, $1 as Module) }
    }

    public var optimizers: [(name: String, optimizer: Adam, module: Module)] {
        pairs.indices.flatMap { k in
            [(pairs[k].name + "/G", generatorOptimizers[k], generatorGroups[k] as Module),
             (pairs[k].name + "/D", discriminatorOptimizers[k], discriminatorGroups[k] as Module)]
        }
    }

    public static let pairLossNames = ["D_A", "G_A", "cycle_A", "idt_A", "D_B", "G_B", "cycle_B", "idt_B"]

    public var lossNames: [String] { pairs.flatMap { pair in Self.pairLossNames.map { pair.name + "/" + $0 } } }

    public func step(_ batch: Batch, iteration: Int, random: inout RandomGenerator) -> [String: Float] {
        let n = batch.images.shape[0], width = batch.labels.shape[1], labels = batch.labels.scalars
        var losses: [String: Float] = [:]
        for (k, pair) in pairs.enumerated() {
            var sideA: [Int] = [], sideB: [Int] = []
            for r in 0..<n {
                switch pair.side(of: Array(labels[(r * width)..<((r + 1) * width)]), domains: domains) {
                case .a?: if sideA.count < settings.imagesPerDomain { sideA.append(r) }
                case .b?: if sideB.count < settings.imagesPerDomain { sideB.append(r) }
                case nil: break
                }
            }
            // Drawn whether or not the pair trains, so the stream does not depend on the batch's labels.
            let drawsB = models[k].fakeBPool.draws(count: settings.imagesPerDomain, random: &random)
            let drawsA = models[k].fakeAPool.draws(count: settings.imagesPerDomain, random: &random)
            guard !sideA.isEmpty, !sideB.isEmpty else { continue }
            let realA = Self.rows(batch.images, sideA), realB = Self.rows(batch.images, sideB)
            let pairLosses = pairStep(k, realA: realA, realB: realB,
                                      poolDrawsB: Array(drawsB.prefix(sideA.count)), poolDrawsA: Array(drawsA.prefix(sideB.count)))
            for (name, value) in pairLosses { losses[pair.name + "/" + name] = value }
        }
        return losses
    }

    static func rows(_ images: Tensor, _ indices: [Int]) -> Tensor {
        Tensor.concatenate(indices.map { images.slice(axis: 0, $0..<($0 + 1)) }, axis: 0)
    }

    /// One iteration of pair `k` (`cycle_gan_model.optimize_parameters`, L176–192), with the pool draws
    /// for the fakes of B (judged by D_A) and of A (judged by D_B) given.
    public func pairStep(_ k: Int, realA: Tensor, realB: Tensor, poolDrawsB: [ImagePool.Draw],
                         poolDrawsA: [ImagePool.Draw]) -> [String: Float] {
        let m = models[k], s = settings
        // Generators (D_A, D_B fixed: gradients are taken with respect to G's parameters only).
        let fakeB = m.netGA(realA), fakeA = m.netGB(realB)
        let cycleA = l1Loss(m.netGB(fakeB), realA) * s.lambdaCycle
        let cycleB = l1Loss(m.netGA(fakeA), realB) * s.lambdaCycle
        let identityA = l1Loss(m.netGA(realB), realB) * (s.lambdaCycle * s.lambdaIdentity)
        let identityB = l1Loss(m.netGB(realA), realA) * (s.lambdaCycle * s.lambdaIdentity)
        let adversarialA = AdversarialLoss.leastSquares(m.netDA(fakeB), real: true)
        let adversarialB = AdversarialLoss.leastSquares(m.netDB(fakeA), real: true)
        let generatorLoss = adversarialA + adversarialB + cycleA + cycleB + identityA + identityB
        generatorOptimizers[k].update(gradients: gradients(of: generatorLoss, wrt: m.generatorParameters.map(\.value)))
        // Discriminators on pooled fakes (cycle_gan_model.py L137–151).
        let pooledB = m.fakeBPool.query(fakeB.detached(), draws: poolDrawsB)
        let pooledA = m.fakeAPool.query(fakeA.detached(), draws: poolDrawsA)
        let lossDA = (AdversarialLoss.leastSquares(m.netDA(realB), real: true)
                      + AdversarialLoss.leastSquares(m.netDA(pooledB), real: false)) * 0.5
        let lossDB = (AdversarialLoss.leastSquares(m.netDB(realA), real: true)
                      + AdversarialLoss.leastSquares(m.netDB(pooledA), real: false)) * 0.5
        discriminatorOptimizers[k].update(gradients: gradients(of: lossDA + lossDB, wrt: m.discriminatorParameters.map(\.value)))
        return ["D_A": lossDA.scalar, "G_A": adversarialA.scalar, "cycle_A": cycleA.scalar, "idt_A": identityA.scalar,
                "D_B": lossDB.scalar, "G_B": adversarialB.scalar, "cycle_B": cycleB.scalar, "idt_B": identityB.scalar]
    }

    /// Each row through the chain of pair generators its edit needs (unchanged when none applies).
    public func translate(_ images: Tensor, sourceLabels: Tensor, targetLabels: Tensor) -> Tensor {
        let width = sourceLabels.shape[1], source = sourceLabels.scalars, target = targetLabels.scalars
        return withoutGradients {
            Tensor.concatenate((0..<images.shape[0]).map { r in
                var x = images.slice(axis: 0, r..<(r + 1))
                let steps = PairChain.steps(source: Array(source[(r * width)..<((r + 1) * width)]),
                                            target: Array(target[(r * width)..<((r + 1) * width)]), pairs: pairs, domains: domains)
                for (k, from) in steps { x = from == .a ? models[k].netGA(x) : models[k].netGB(x) }
                return x
            }, axis: 0)
        }
    }
}
