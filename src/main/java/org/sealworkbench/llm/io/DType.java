package org.sealworkbench.llm.io;

/**
 * The safetensors dtypes we convert to and from float, with Java conversions (never hand BF16/F16 to
 * DJL: its PyTorch JNI aborts the JVM on BF16 arrays).
 */
public final class DType {
    private DType() {}

    /** Bytes per element for every dtype the safetensors format defines, or -1 when unknown. */
    public static int size(String dtype) {
        return switch (dtype) {
            case "F64", "I64", "U64" -> 8;
            case "F32", "I32", "U32" -> 4;
            case "F16", "BF16", "I16", "U16" -> 2;
            case "I8", "U8", "BOOL", "F8_E4M3", "F8_E5M2" -> 1;
            default -> -1;
        };
    }

    public static boolean isFloatConvertible(String dtype) {
        return dtype.equals("F32") || dtype.equals("F16") || dtype.equals("BF16") || dtype.equals("F64");
    }

    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    /** Round-to-nearest-even to bfloat16; NaN stays a (quiet) NaN. */
    public static short floatToBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if ((bits & 0x7FFFFFFF) > 0x7F800000) return (short) ((bits >>> 16) | 0x0040);
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    /** IEEE half to float, exact (every half is a float). */
    public static float f16ToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0x1F) return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13)); // inf / NaN
        if (exp == 0) {
            if (mant == 0) return Float.intBitsToFloat(sign);                            // +-0
            float v = mant * 0x1p-24f;                                                    // subnormal
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    /** Float to IEEE half with round-to-nearest-even, overflow to infinity, gradual underflow. */
    public static short floatToF16(float f) {
        int bits = Float.floatToRawIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int abs = bits & 0x7FFFFFFF;
        if (abs > 0x7F800000) return (short) (sign | 0x7E00);                   // NaN
        if (abs >= 0x477FF000) return (short) (sign | 0x7C00);                  // >= 65520 rounds to inf
        if (abs < 0x38800000) {                                                 // below 2^-14: subnormal half
            // value = abs_float; half subnormal unit = 2^-24. Round m * 2^(e) / 2^-24 to nearest even.
            if (abs < 0x33000000) return (short) sign;                          // < 2^-25: rounds to 0
            int e = abs >>> 23;
            int mant = (abs & 0x7FFFFF) | 0x800000;
            int shift = 126 - e;                                                // 113 - e + 13
            int q = mant >>> shift;
            int rem = mant & ((1 << shift) - 1);
            int half = 1 << (shift - 1);
            if (rem > half || (rem == half && (q & 1) == 1)) q++;
            return (short) (sign | q);
        }
        int rounded = abs + 0xFFF + ((abs >>> 13) & 1);                          // RNE on the dropped 13 bits
        return (short) (sign | ((rounded - 0x38000000) >>> 13));                 // rebias 127 -> 15
    }
}
