using TorchSharp;
using static TorchSharp.torch;

namespace NanoLM.Training.Model;

/// <summary>
/// Scalars that outlive the native calls reading them. TorchSharp turns a number into a Scalar on the spot and hands
/// libtorch only its native handle, so the GC may finalize (free) that Scalar while libtorch still reads it; a training
/// run once crashed so inside <c>c10::Scalar::toFloat</c>. A Scalar held by a field lives as long as its holder.
/// </summary>
public static class LiveScalars
{
    /// <summary>1, held for the life of the process: the alpha to pass where TorchSharp would make one on the spot.</summary>
    public static readonly Scalar One = 1.ToScalar();

    static readonly Scalar Two = 2.ToScalar();

    /// <summary><c>left + right</c>, with <see cref="One"/> as alpha.</summary>
    public static Tensor Plus(this Tensor left, Tensor right) => left.add(right, One);

    /// <summary><c>x²</c> as TorchSharp's <c>square()</c> computes it (<c>pow(2)</c>), with a held exponent.</summary>
    public static Tensor Squared(this Tensor x) => x.pow(Two);

    /// <summary>A module's constant factor as a Scalar for the module to hold; null for 1, which needs no multiply.</summary>
    public static Scalar? ScaleOrNull(double factor) => factor == 1.0 ? null : factor.ToScalar();
}
