/// Geometry of a 2-D convolution in NCHW, described from the convolution's point of view:
/// `input` is the larger image the kernel slides over, `output` the result. A transposed
/// convolution is the adjoint of such a convolution, so it uses the same geometry with the roles of
/// input and output swapped.
public struct Conv2DGeometry: Hashable, Sendable, CustomStringConvertible {
    public var batch: Int
    public var inChannels: Int
    public var inHeight: Int
    public var inWidth: Int
    public var outChannels: Int
    public var kernelHeight: Int
    public var kernelWidth: Int
    public var strideH: Int
    public var strideW: Int
    public var padH: Int
    public var padW: Int
    public var dilationH: Int
    public var dilationW: Int

    public init(batch: Int, inChannels: Int, inHeight: Int, inWidth: Int, outChannels: Int,
                kernelHeight: Int, kernelWidth: Int, strideH: Int = 1, strideW: Int = 1,
                padH: Int = 0, padW: Int = 0, dilationH: Int = 1, dilationW: Int = 1) {
        self.batch = batch; self.inChannels = inChannels; self.inHeight = inHeight; self.inWidth = inWidth
        self.outChannels = outChannels; self.kernelHeight = kernelHeight; self.kernelWidth = kernelWidth
        self.strideH = strideH; self.strideW = strideW; self.padH = padH; self.padW = padW
        self.dilationH = dilationH; self.dilationW = dilationW
    }

    public var outHeight: Int { (inHeight + 2 * padH - dilationH * (kernelHeight - 1) - 1) / strideH + 1 }
    public var outWidth: Int { (inWidth + 2 * padW - dilationW * (kernelWidth - 1) - 1) / strideW + 1 }
    /// Rows of the im2col matrix: one per (input channel, kernel tap).
    public var patchSize: Int { inChannels * kernelHeight * kernelWidth }
    public var inPlane: Int { inHeight * inWidth }
    public var outPlane: Int { outHeight * outWidth }
    public var flops: Double {
        2.0 * Double(batch) * Double(outChannels) * Double(patchSize) * Double(outPlane)
    }
    /// 1×1, stride 1, no padding: the image itself is the im2col matrix.
    var isPointwise: Bool {
        kernelHeight == 1 && kernelWidth == 1 && strideH == 1 && strideW == 1 && padH == 0 && padW == 0
    }

    public var description: String {
        "conv(N\(batch) C\(inChannels)→\(outChannels) \(inHeight)×\(inWidth)→\(outHeight)×\(outWidth) "
            + "k\(kernelHeight)×\(kernelWidth) s\(strideH),\(strideW) p\(padH),\(padW))"
    }
}
