/// The names runs, metrics and study items use, so that the tables can find them. Methods and
/// evaluators write these strings; the report reads them.
public enum MethodKey {
    public static let bilgan = "bilgan"
    public static let stargan = "stargan"
    public static let cyclegan = "cyclegan"
    public static let icgan = "icgan"
    /// Light CNN on the unfrontalised probes (Table 3's "Light CNN" row).
    public static let lightCNN = "lightcnn"
}

/// Variant keys: `default` for a method as published, the ablation switches of `bilgan-method.md` for BiL-GAN.
public enum VariantKey {
    public static let `default` = "default"
    public static let full = "full"
    public static let singlePhase = "single-phase"
    public static let progressive = "progressive"
    public static let ordinaryRegularization = "ordinary-regularization"
    public static let withoutMutualInformation = "no-mutual-info"
    public static let mine = "mine"
    public static let cycle = "cycle"
    /// Light CNN without frontalisation.
    public static let noFrontalisation = "no-frontalisation"
}

/// Metric names. Values are stored as fractions (0.0549, not 5.49 %); the tables scale them.
public enum MetricName {
    public static let fid = "fid"
    public static let kid = "kid"
    public static let msSSIM = "ms_ssim"
    /// Attribute-classification error against the target labels; breakdown per attribute.
    public static let classificationError = "clas_error"
    /// Rank-1 identification rate; breakdown per |yaw| under `PoseBreakdownKey`.
    public static let rankOne = "rank1"
    /// Precision, recall, density and coverage (Naeem et al. 2020) in the FID/FD feature space.
    public static let precision = "precision"
    public static let recall = "recall"
    public static let density = "density"
    public static let coverage = "coverage"
    /// The CLAS classifier's own accuracy on the real test images (stored next to every `clas_error`).
    public static let classifierAccuracy = "clas_classifier_accuracy"
    /// SynthFaces only: MS-SSIM and mean absolute difference (pixels in [0, 1]) between each output
    /// and the renderer's exact translation of the same face.
    public static let groundTruthMSSSIM = "gt_ms_ssim"
    public static let groundTruthL1 = "gt_l1"
}

/// Breakdown keys of `rank1`: the |yaw| in degrees as text, "15" … "90" (pooled ±θ, micro average).
public enum PoseBreakdownKey {
    public static func key(yaw: Int) -> String { String(abs(yaw)) }
    public static let reportedYaws = [15, 30, 45, 60, 75, 90]
}

/// Attribute groups of the user study (Table 1 columns).
public enum AttributeGroup {
    public static let aging = "aging"
    public static let makeup = "makeup"
    public static let hairColor = "hair_color"
}
