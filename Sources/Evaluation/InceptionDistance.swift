import Datasets
import EvaluationMetrics
import Evaluators
import Experiments
import Foundation
import Imaging
import ResultsStore
import Study
import SynthFaces
import TensorCore

/// FID-Inception, computed only when the user supplies converted pytorch-fid weights: the same
/// outputs and real reference (training split at the run's size) as FD-SynthFaces, through
/// pytorch-fid's Inception-v3. Stored under metric `fid` with protocol "FID-Inception/<weights
/// hash>", a different protocol from FD-SynthFaces, so a table never averages the two.
enum InceptionDistance {
    static func record(run: FinishedRun, manifest: TranslationManifest, manifestURL: URL, data: EvaluationData, weights: URL,
                       store: ResultsDatabase, request: EvaluationRequest, say: (String) -> Void) throws -> [MetricValue] {
        let digest = SHA256.hexDigest(Array(try Data(contentsOf: weights)))
        let protocolName = "FID-Inception/\(digest.prefix(12))"
        if try store.hasMetric(run: run.id, name: MetricName.fid, protocolName: protocolName) {
            say("run \(run.id): FID-Inception already stored")
            return []
        }
        let network = try FIDInceptionV3.pretrained(weights: weights)
        let side = run.config.training.imageSize
        let cache = request.resultsRoot.appendingPathComponent("evaluators")
            .appendingPathComponent("fid-inception-\(data.dataset.rawValue)-\(data.fingerprint.prefix(12))-\(digest.prefix(12))-real-train-\(side).safetensors")
        let real: FeatureMatrix
        if let cached = try? SafeTensors.read(cache).tensors["features"], cached.shape == [data.train.count, network.featureCount] {
            real = try FeatureMatrix(rows: cached.shape[0], columns: cached.shape[1], converting: cached.scalars)
        } else {
            let loader = try BatchLoader(samples: data.train, configuration: .evaluation(batchSize: request.batchSize, imageSize: side))
            let stream = loader.epoch(0)
            let bar = ProgressBar(total: stream.count, label: "FID-Inception real features (batches)", enabled: request.showProgress)
            var values: [Float] = []
            while let batch = try stream.next() {
                values += network.features(RealFeatures.quantized01(batch.images)).scalars
                bar.advance()
            }
            try FileManager.default.createDirectory(at: cache.deletingLastPathComponent(), withIntermediateDirectories: true)
            try SafeTensors.write(["features": Tensor(shape: [data.train.count, network.featureCount], scalars: values)], to: cache)
            real = try FeatureMatrix(rows: data.train.count, columns: network.featureCount, converting: values)
        }
        let outputs = try manifest.items.map { try ImageFile.read(TranslationManifest.resolve($0.outputImage, relativeTo: manifestURL)).rgb() }
        say("FID-Inception: \(outputs.count) outputs through Inception-v3")
        let fake = try ImageSetFeatures.features(of: outputs, extractor: network, batchSize: request.batchSize)
        let fd = try ImageSetFeatures.frechetDistance(real, fake)
        let metric = MetricValue(name: MetricName.fid, value: fd.value, sampleCount: outputs.count, protocolName: protocolName)
        try store.recordEvaluationMetrics(run: run.id, [metric])
        return [metric]
    }
}
