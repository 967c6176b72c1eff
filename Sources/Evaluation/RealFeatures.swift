import Datasets
import EvaluationMetrics
import Evaluators
import Foundation
import ResultsStore
import SynthFaces
import TensorCore

/// The real reference set of FD-SynthFaces / KID / PRDC: the training split's images, loaded at the
/// evaluated run's size (the path a test input takes to the network), quantised to 8 bits like the
/// saved outputs, through the feature network. Cached beside the network's weights by image size
/// (`real-train-<size>.safetensors`), so it is computed once per (dataset, extractor) hash.
public enum RealFeatures {
    public static func obtain(evaluators: TrainedEvaluators, data: EvaluationData, side: Int, batchSize: Int,
                              showProgress: Bool) throws -> FeatureMatrix {
        let network = evaluators.featureNetwork
        let url = evaluators.featureEntry.folder.appendingPathComponent("real-train-\(side).safetensors")
        if FileManager.default.fileExists(atPath: url.path),
           let cached = try? SafeTensors.read(url).tensors["features"], cached.shape == [data.train.count, network.featureCount] {
            return try FeatureMatrix(rows: cached.shape[0], columns: cached.shape[1], converting: cached.scalars)
        }
        let loader = try BatchLoader(samples: data.train, configuration: .evaluation(batchSize: batchSize, imageSize: side))
        let stream = loader.epoch(0)
        let bar = ProgressBar(total: stream.count, label: "real features (batches)", enabled: showProgress)
        var values: [Float] = []
        while let batch = try stream.next() {
            let images01 = quantized01(batch.images)
            values += network.features(images01).scalars
            bar.advance()
        }
        let tensor = Tensor(shape: [data.train.count, network.featureCount], scalars: values)
        try SafeTensors.write(["features": tensor], metadata: ["protocol": network.protocolName], to: url)
        return try FeatureMatrix(rows: data.train.count, columns: network.featureCount, converting: values)
    }

    /// The floor of FD-SynthFaces at `side`: the real test split against the real training split,
    /// stored once on the feature network's own run (metric `fd_real_test`), so a method's FD can be read
    /// against what real held-out faces score.
    public static func recordFloor(evaluators: TrainedEvaluators, data: EvaluationData, real: FeatureMatrix, side: Int,
                                   batchSize: Int, store: ResultsDatabase) throws -> Double? {
        let network = evaluators.featureNetwork
        let protocolName = "\(network.protocolName)/real-test-vs-train/\(side)"
        let run = evaluators.featureEntry.runId
        if try store.hasMetric(run: run, name: floorMetric, protocolName: protocolName) { return nil }
        let loader = try BatchLoader(samples: data.test, configuration: .evaluation(batchSize: batchSize, imageSize: side))
        var values: [Float] = []
        let stream = loader.epoch(0)
        while let batch = try stream.next() { values += network.features(quantized01(batch.images)).scalars }
        let test = try FeatureMatrix(rows: data.test.count, columns: network.featureCount, converting: values)
        let value = try ImageSetFeatures.frechetDistance(real, test).value
        try store.recordEvaluationMetrics(run: run, [MetricValue(name: floorMetric, value: value, sampleCount: data.test.count,
                                                                 protocolName: protocolName)])
        return value
    }

    /// Metric name of the FD-SynthFaces floor (real test vs real training images).
    public static let floorMetric = "fd_real_test"

    /// [−1, 1] loader images → [0, 1], rounded to the 8-bit levels a PNG would hold.
    static func quantized01(_ images: Tensor) -> Tensor {
        Tensor(shape: images.shape, scalars: images.scalars.map { (((($0 + 1) / 2) * 255).rounded() / 255) })
    }
}
