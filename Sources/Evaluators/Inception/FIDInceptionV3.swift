import Foundation
import NN
import TensorCore

/// The Inception-v3 of pytorch-fid 0.3.0 (`pytorch_fid/inception.py`, `fid_inception_v3()` and
/// `InceptionV3`), which carries the TF 2015-12-05 graph behind every published FID: torchvision's
/// Inception3 with the FIDInception blocks swapped in.
///
/// | block | layers (torchvision names) | output |
/// |---|---|---|
/// | 0 | Conv2d_1a_3x3 (3×3 s2) → Conv2d_2a_3x3 (3×3) → Conv2d_2b_3x3 (3×3 p1) → MaxPool 3 s2 | 64 × 73² |
/// | 1 | Conv2d_3b_1x1 → Conv2d_4a_3x3 → MaxPool 3 s2 | 192 × 35² |
/// | 2 | Mixed_5b/5c/5d (A; pool features 32, 64, 64) → Mixed_6a (B) → Mixed_6b–6e (C; c7 = 128, 160, 160, 192) | 768 × 17² |
/// | 3 | Mixed_7a (D) → Mixed_7b (E, avg pool) → Mixed_7c (E, **max** pool) → global average | 2048 |
///
/// Input: RGB in [0, 1], any size; resized to 299² by PyTorch bilinear (`align_corners=False`, no
/// antialiasing) and mapped to [−1, 1] as 2x − 1 (`InceptionV3.forward`, `resize_input` and
/// `normalize_input` defaults). The 1008-class `fc` head is not part of this module (pool3 never
/// reaches it); `tools/convert_inception_weights.py` drops it when converting the weights.
public final class FIDInceptionV3: Module, FeatureExtractor {
    public let Conv2d_1a_3x3: BasicConv2d
    public let Conv2d_2a_3x3: BasicConv2d
    public let Conv2d_2b_3x3: BasicConv2d
    public let Conv2d_3b_1x1: BasicConv2d
    public let Conv2d_4a_3x3: BasicConv2d
    public let Mixed_5b: InceptionA
    public let Mixed_5c: InceptionA
    public let Mixed_5d: InceptionA
    public let Mixed_6a: InceptionB
    public let Mixed_6b: InceptionC
    public let Mixed_6c: InceptionC
    public let Mixed_6d: InceptionC
    public let Mixed_6e: InceptionC
    public let Mixed_7a: InceptionD
    public let Mixed_7b: InceptionE
    public let Mixed_7c: InceptionE

    /// Side the input is resized to (`F.interpolate(x, size=(299, 299))`).
    public static let inputSize = 299
    /// Where `evaluate` looks for the converted weights unless told otherwise.
    public static let defaultWeightsPath = "weights/fid_inception_v3.safetensors"
    /// The converter a missing-weights error names.
    public static let converterCommand =
        "python3 tools/convert_inception_weights.py pt_inception-2015-12-05-6726825d.pth \(defaultWeightsPath)"

    public let protocolName = "FID-Inception"
    public let featureCount = 2048

    /// Random weights (PyTorch default initialisation); load real ones with `pretrained(weights:)`.
    public init(generator g: inout RandomGenerator) {
        Conv2d_1a_3x3 = BasicConv2d(3, 32, kernel: 3, stride: 2, generator: &g)
        Conv2d_2a_3x3 = BasicConv2d(32, 32, kernel: 3, generator: &g)
        Conv2d_2b_3x3 = BasicConv2d(32, 64, kernel: 3, padding: 1, generator: &g)
        Conv2d_3b_1x1 = BasicConv2d(64, 80, kernel: 1, generator: &g)
        Conv2d_4a_3x3 = BasicConv2d(80, 192, kernel: 3, generator: &g)
        Mixed_5b = InceptionA(192, poolFeatures: 32, generator: &g)
        Mixed_5c = InceptionA(256, poolFeatures: 64, generator: &g)
        Mixed_5d = InceptionA(288, poolFeatures: 64, generator: &g)
        Mixed_6a = InceptionB(288, generator: &g)
        Mixed_6b = InceptionC(768, channels7x7: 128, generator: &g)
        Mixed_6c = InceptionC(768, channels7x7: 160, generator: &g)
        Mixed_6d = InceptionC(768, channels7x7: 160, generator: &g)
        Mixed_6e = InceptionC(768, channels7x7: 192, generator: &g)
        Mixed_7a = InceptionD(768, generator: &g)
        Mixed_7b = InceptionE(1280, pool: .averageExcludingPadding, generator: &g)
        Mixed_7c = InceptionE(2048, pool: .max, generator: &g)
        super.init()
        eval()
    }

    /// The network with converted weights (see `converterCommand`); errors name the file.
    public static func pretrained(weights url: URL) throws -> FIDInceptionV3 {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw EvaluatorError.missingWeights(path: url.path, howToMake: converterCommand)
        }
        var g = RandomGenerator(seed: 0)
        let model = FIDInceptionV3(generator: &g)
        try model.load(from: url)
        model.eval()
        return model
    }

    /// torchvision's attribute names start with capitals, which the property-path rule would turn
    /// into `_conv2d_1a_3x3`; the state-dict names are spelled out here instead.
    public override func namedChildren() -> [(String, Module)] {
        [("Conv2d_1a_3x3", Conv2d_1a_3x3), ("Conv2d_2a_3x3", Conv2d_2a_3x3), ("Conv2d_2b_3x3", Conv2d_2b_3x3),
         ("Conv2d_3b_1x1", Conv2d_3b_1x1), ("Conv2d_4a_3x3", Conv2d_4a_3x3),
         ("Mixed_5b", Mixed_5b), ("Mixed_5c", Mixed_5c), ("Mixed_5d", Mixed_5d), ("Mixed_6a", Mixed_6a),
         ("Mixed_6b", Mixed_6b), ("Mixed_6c", Mixed_6c), ("Mixed_6d", Mixed_6d), ("Mixed_6e", Mixed_6e),
         ("Mixed_7a", Mixed_7a), ("Mixed_7b", Mixed_7b), ("Mixed_7c", Mixed_7c)]
    }

    /// pytorch-fid's preprocessing: bilinear to 299², then 2x − 1.
    public static func preprocess(_ images: Tensor) -> Tensor {
        guard images.rank == 4, images.shape[1] == 3 else {
            ShapeError.fail("FIDInceptionV3", "expects RGB images [N, 3, H, W] in [0, 1], got \(images.shape)")
        }
        return resizeBilinear(images, height: inputSize, width: inputSize).scaled(by: 2).shifted(by: -1)
    }

    /// The four block outputs of `InceptionV3(output_blocks=[0, 1, 2, 3])`: feature maps after
    /// blocks 0–2 and the pooled [N, 2048, 1, 1] after block 3.
    public func blockOutputs(_ images: Tensor) -> [Tensor] {
        var x = Self.preprocess(images)
        x = maxPool2d(Conv2d_2b_3x3(Conv2d_2a_3x3(Conv2d_1a_3x3(x))), kernel: (3, 3), stride: (2, 2))
        let block0 = x
        x = maxPool2d(Conv2d_4a_3x3(Conv2d_3b_1x1(x)), kernel: (3, 3), stride: (2, 2))
        let block1 = x
        for m in [Mixed_5b, Mixed_5c, Mixed_5d, Mixed_6a, Mixed_6b, Mixed_6c, Mixed_6d, Mixed_6e] as [Module] { x = m(x) }
        let block2 = x
        x = globalAvgPool2d(Mixed_7c(Mixed_7b(Mixed_7a(x))))
        return [block0, block1, block2, x]
    }

    /// 2048-d pool3 features of RGB images in [0, 1]: [N, 3, H, W] → [N, 2048].
    public func features(_ images: Tensor) -> Tensor {
        withoutGradients { blockOutputs(images)[3].reshaped([images.shape[0], featureCount]) }
    }
}
