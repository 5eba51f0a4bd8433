/// How a checkpoint's linear weights are quantized, from `quantization_config` in `config.json`.
///
/// The encoding of each tensor is read from its own data type; this tells the runtime how to
/// interpret the quantized ones.
public enum WeightQuantization: Sendable, Equatable {
    /// No `quantization_config`: weights are F32, BF16 or F16.
    case none
    /// `quant_method: mxfp4` (gpt-oss): expert weights as `*_blocks` / `*_scales`.
    case mxfp4
    /// `quant_method: fp8` (DeepSeek-V3 and other block-quantized FP8 releases): linear weights
    /// are `float8_e4m3fn`, each with a float32 `weight_scale_inv` holding one multiplier per
    /// block of `blockRows × blockColumns` elements (`weight_block_size`; blocks at the right and
    /// bottom edges may be partial).
    case fp8(blockRows: Int, blockColumns: Int)
}
