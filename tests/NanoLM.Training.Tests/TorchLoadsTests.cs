using NanoLM.Training;
using TorchSharp;

namespace NanoLM.Tests;

public class TorchLoadsTests
{
    [Fact]
    public void Libtorch_loads_from_the_build_output_and_computes()
    {
        var status = TorchRuntime.Probe();
        Assert.True(status.Loaded, status.Error);
        using var a = torch.ones(2, 3);
        Assert.Equal(6f, a.sum().item<float>());
    }
}
