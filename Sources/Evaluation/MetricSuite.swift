import EvaluationMetrics
import Evaluators
import Foundation
import Imaging
import ResultsStore
import Study
import SynthFaces
import TensorCore

/// Table 2's numbers for one translation manifest, each as a `MetricValue` whose protocol names the
/// evaluator (and its weights' hash) that measured it:
/// FD-SynthFaces, KID and precision/recall/density/coverage of the outputs against the real training
/// images; MS-SSIM of each input with its output; CLAS error of the outputs against their target
/// labels (with the classifier's own test accuracy); on SynthFaces, MS-SSIM and L1 to the ground truth.
public struct MetricSuite {
    public let evaluators: TrainedEvaluators
    public let settings: EvaluatorSettings
    public let data: EvaluationData
    public let realFeatures: FeatureMatrix

    /// Images of a manifest, loaded once (8-bit PNGs as written, values in [0, 1]).
    struct LoadedImages {
        var inputs: [Image]
        var outputs: [Image]
        var groundTruth: [Image]?
    }

    /// Names and protocols this suite writes for a run of side `side` (for skipping done work).
    public func plannedMetrics(side: Int, hasGroundTruth: Bool) throws -> [(name: String, protocolName: String)] {
        let fd = evaluators.featureNetwork.protocolName
        let ssim = try MultiScaleSSIMProtocol(side: side).name
        var out: [(String, String)] = [(MetricName.fid, fd), (MetricName.kid, fd)]
        out += [MetricName.precision, MetricName.recall, MetricName.density, MetricName.coverage].map { ($0, prdcProtocol) }
        out += [(MetricName.msSSIM, ssim), (MetricName.classificationError, classifierProtocol),
                (MetricName.classifierAccuracy, classifierProtocol)]
        if hasGroundTruth { out += [(MetricName.groundTruthMSSSIM, "synthfaces-renderer/" + ssim), (MetricName.groundTruthL1, "synthfaces-renderer/l1")] }
        return out
    }

    var prdcProtocol: String { "\(evaluators.featureNetwork.protocolName)/k\(settings.prdcNearestK)" }
    var classifierProtocol: String { "attribute-classifier/\(evaluators.classifierEntry.hash.prefix(12))" }

    /// Every metric of `manifest` (at `manifestURL`), translated at `side` px.
    public func compute(manifest: TranslationManifest, manifestURL: URL, side: Int) throws -> [MetricValue] {
        func load(_ path: String) throws -> Image {
            try ImageFile.read(TranslationManifest.resolve(path, relativeTo: manifestURL)).rgb()
        }
        let outputs = try manifest.items.map { try load($0.outputImage) }
        var inputCache = [String: Image]()
        let inputs = try manifest.items.map { item in
            if let kept = inputCache[item.inputImage] { return kept }
            let image = try load(item.inputImage)
            inputCache[item.inputImage] = image
            return image
        }
        let truths = manifest.items.allSatisfy { $0.groundTruthImage != nil }
            ? try manifest.items.map { try load($0.groundTruthImage!) } : nil
        let n = outputs.count
        var metrics: [MetricValue] = []

        // Distribution metrics in the FD-SynthFaces feature space.
        let network = evaluators.featureNetwork
        let fake = try ImageSetFeatures.features(of: outputs, extractor: network, batchSize: settings.batchSize)
        let fd = try ImageSetFeatures.frechetDistance(realFeatures, fake)
        metrics.append(MetricValue(name: MetricName.fid, value: fd.value, sampleCount: n, protocolName: network.protocolName,
                                   breakdown: ["real_images": BreakdownEntry(value: Double(realFeatures.rows), sampleCount: realFeatures.rows)]))
        let kid = try KernelInceptionDistance.compute(real: realFeatures, generated: fake, subsetCount: settings.kidSubsets,
                                                      maximumSubsetSize: settings.kidSubsetSize, seed: settings.seed)
        metrics.append(MetricValue(name: MetricName.kid, value: kid.mean, sampleCount: n, protocolName: network.protocolName,
                                   breakdown: ["sd": BreakdownEntry(value: kid.standardDeviation, sampleCount: kid.perSubset.count),
                                               "subset_size": BreakdownEntry(value: Double(kid.subsetSize))]))
        let prdc = try PrecisionRecallDensityCoverage.compute(real: realFeatures, fake: fake, nearestK: settings.prdcNearestK)
        for (name, value) in [(MetricName.precision, prdc.precision), (MetricName.recall, prdc.recall),
                              (MetricName.density, prdc.density), (MetricName.coverage, prdc.coverage)] {
            metrics.append(MetricValue(name: name, value: value, sampleCount: n, protocolName: prdcProtocol))
        }

        // MS-SSIM of input and output (and output and ground truth).
        let ssim = try MultiScaleSSIMProtocol(side: side)
        func msssim(_ a: Image, _ b: Image) throws -> Double {
            try StructuralSimilarity.multiScale(try Self.planes(a), try Self.planes(b), dataRange: 1, parameters: ssim.parameters)
        }
        let inputScores = try zip(inputs, outputs).map { try msssim($0, $1) }
        metrics.append(MetricValue(name: MetricName.msSSIM, value: Self.mean(inputScores), sampleCount: n, protocolName: ssim.name))
        if let truths {
            let scores = try zip(outputs, truths).map { try msssim($0, $1) }
            let l1 = zip(outputs, truths).map { a, b in Self.mean(zip(a.pixels, b.pixels).map { Double(abs($0 - $1)) }) }
            metrics.append(MetricValue(name: MetricName.groundTruthMSSSIM, value: Self.mean(scores), sampleCount: n,
                                       protocolName: "synthfaces-renderer/" + ssim.name))
            metrics.append(MetricValue(name: MetricName.groundTruthL1, value: Self.mean(l1), sampleCount: n,
                                       protocolName: "synthfaces-renderer/l1"))
        }

        // CLAS error against the target labels, with the classifier's own accuracy next to it.
        let names = data.attributeNames
        let classifier = evaluators.classifier
        var predicted: [[Bool]] = []
        var start = 0
        while start < n {
            let range = start..<min(start + settings.batchSize, n)
            var x = ImageSetFeatures.tensor01(Array(outputs[range])).scaled(by: 2).shifted(by: -1)
            if x.shape[2] != classifier.imageSize { x = resizeBilinear(x, height: classifier.imageSize, width: classifier.imageSize) }
            let flat = classifier.predict(x)
            predicted += (0..<range.count).map { Array(flat[($0 * names.count)..<(($0 + 1) * names.count)]) }
            start = range.upperBound
        }
        let sources = Dictionary(data.test.map { (EvaluationData.identifier(of: $0), $0.labels) }) { first, _ in first }
        let targets = try manifest.items.map { item in
            guard let source = sources[item.inputID] else {
                throw EvaluatorError.invalidInput("\(manifestURL.path): input \(item.inputID) is not in the test split of \(data.root.path)")
            }
            return Self.targetLabels(item.edit, source: source, names: names)
        }
        let report = try AttributeClassification.error(predicted: try BinaryLabels(attributeNames: names, rows: predicted),
                                                       target: try BinaryLabels(attributeNames: names, rows: targets))
        let accuracy = evaluators.classifierTestAccuracy
        var breakdown = Dictionary(uniqueKeysWithValues: report.perAttribute.map {
            ($0.attribute, BreakdownEntry(value: $0.tally.rate, sampleCount: $0.tally.total))
        })
        breakdown["classifier_test_accuracy"] = BreakdownEntry(value: Self.mean(accuracy), sampleCount: data.test.count)
        metrics.append(MetricValue(name: MetricName.classificationError, value: report.overall.rate, sampleCount: n,
                                   protocolName: classifierProtocol, breakdown: breakdown))
        metrics.append(MetricValue(name: MetricName.classifierAccuracy, value: Self.mean(accuracy), sampleCount: data.test.count,
                                   protocolName: classifierProtocol,
                                   breakdown: Dictionary(uniqueKeysWithValues: zip(names, accuracy).map {
                                       ($0, BreakdownEntry(value: $1, sampleCount: data.test.count)) })))
        return metrics
    }

    /// The full target vector of an edit: the edited attributes as the edit says, the others as the
    /// input has them, except that setting a hair colour clears the other colours (exclusive group).
    static func targetLabels(_ edit: AttributeEdit, source: [Float], names: [String]) -> [Bool] {
        let setsHair = edit.targetLabels.contains { EditPlan.hairColours.contains($0.key) && $0.value }
        return names.enumerated().map { k, name in
            if let value = edit.targetLabels[name] { return value }
            if setsHair && EditPlan.hairColours.contains(name) { return false }
            return source[k] > 0.5
        }
    }

    static func planes(_ image: Image) throws -> ImagePlanes {
        try ImagePlanes(image.pixels, layout: .interleaved, channels: image.channels, height: image.height, width: image.width)
    }

    static func mean(_ values: [Double]) -> Double { values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count) }
}
