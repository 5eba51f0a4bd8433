/// The element types of safetensors tensors that the runtime reads.
public enum TensorDataType: String, Sendable, CaseIterable {
    /// IEEE 754 single precision (`F32`).
    case float32 = "F32"
    /// bfloat16: the upper half of a float32 (`BF16`).
    case bfloat16 = "BF16"
    /// IEEE 754 half precision (`F16`).
    case float16 = "F16"
    /// Unsigned bytes (`U8`), used by MXFP4 blocks and scales.
    case uint8 = "U8"
    /// float8_e4m3fn (`F8_E4M3`): block-quantized linear weights, read with their `weight_scale_inv`.
    case float8E4M3 = "F8_E4M3"

    /// Bytes per element.
    public var byteWidth: Int {
        switch self {
        case .float32: 4
        case .bfloat16, .float16: 2
        case .uint8, .float8E4M3: 1
        }
    }

    /// Whether the type holds real numbers that can be read without further data (F32, BF16,
    /// F16), as opposed to raw bytes or FP8 codes that need their scales.
    public var isFloatingPoint: Bool {
        switch self {
        case .float32, .bfloat16, .float16: true
        case .uint8, .float8E4M3: false
        }
    }
}
