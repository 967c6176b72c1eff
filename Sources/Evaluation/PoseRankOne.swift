import Datasets
import EvaluationMetrics
import Evaluators
import Foundation
import ResultsStore
import TensorCore

/// Table 3's number for one probe set: Light CNN features of the gallery and of the probes (or of
/// their frontalised versions), cosine rank-1 per camera (`RankOneIdentification`), pooled over ±θ
/// as counts (`PosePooling`, FFWM's micro average), stored as metric `rank1` with one breakdown entry
/// per |yaw| (`PoseBreakdownKey`) plus "0" for the frontal probes under other illuminations, which
/// no column of the paper shows. The value is the rate over every non-frontal probe.
public enum PoseRankOne {
    /// A probe: the image the features are taken from, its subject and its camera ("19_0").
    public struct Probe {
        public let image: URL
        public let subject: String
        public let camera: String
        public init(image: URL, subject: String, camera: String) {
            self.image = image
            self.subject = subject
            self.camera = camera
        }
    }

    /// Features [N × 256] of image files loaded at `loadSide` (bilinear, as the loaders do) and then
    /// resized to the Light CNN's side, `batchSize` at a time.
    public static func features(of images: [URL], loadSide: Int, evaluator: LightCNNEvaluator, batchSize: Int,
                                progress: ((Int) -> Void)? = nil) throws -> FeatureMatrix {
        let samples = images.map { LabelledImage(image: $0, labels: [0]) }
        let loader = try BatchLoader(samples: samples, configuration: .evaluation(batchSize: batchSize, imageSize: loadSide))
        var values: [Double] = []
        values.reserveCapacity(images.count * 256)
        let stream = loader.epoch(0)
        while let batch = try stream.next() {
            values += evaluator.features(unitRGB: batch.images.scaled(by: 0.5).shifted(by: 0.5))
            progress?(batch.images.shape[0])
        }
        return try FeatureMatrix(rows: images.count, columns: values.count / max(images.count, 1), values: values)
    }

    /// The `rank1` metric of `probes` against the gallery.
    public static func metric(gallery: FeatureMatrix, gallerySubjects: [String], probes: FeatureMatrix, probeInfo: [Probe],
                              protocolName: String) throws -> MetricValue {
        let result = try RankOneIdentification.evaluate(gallery: gallery, gallerySubjects: gallerySubjects, probes: probes,
                                                        probeSubjects: probeInfo.map(\.subject), probeGroups: probeInfo.map(\.camera))
        var perCamera = result.countsByGroup
        let frontal = perCamera.removeValue(forKey: "05_1")
        let pooled = try PosePooling.pooledByAbsoluteYaw(perCamera)
        var breakdown = [String: BreakdownEntry]()
        for (yaw, tally) in pooled where tally.total > 0 {
            breakdown[PoseBreakdownKey.key(yaw: yaw)] = BreakdownEntry(value: tally.rate, sampleCount: tally.total)
        }
        if let frontal, frontal.total > 0 { breakdown["0"] = BreakdownEntry(value: frontal.rate, sampleCount: frontal.total) }
        let profile = pooled.reduce(Tally()) { $0 + $1.tally }
        guard profile.total > 0 else {
            throw EvaluatorError.invalidInput("no non-frontal probes: Table 3 needs test images from the ±15°…±90° cameras")
        }
        return MetricValue(name: MetricName.rankOne, value: profile.rate, sampleCount: profile.total, protocolName: protocolName,
                           breakdown: breakdown)
    }

    /// One line per reported |yaw| for the console.
    public static func summary(_ metric: MetricValue) -> String {
        let entries = metric.breakdown
        return (["0"] + PoseBreakdownKey.reportedYaws.map { String($0) }).compactMap { key in
            entries?[key].map { String(format: "±%@°: %.1f%% (n = %d)", key, 100 * $0.value, $0.sampleCount ?? 0) }
        }.joined(separator: ", ")
    }
}
