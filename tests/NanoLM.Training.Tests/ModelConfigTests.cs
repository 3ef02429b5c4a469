using System.Text.Json;
using NanoLM.Training.Model;

namespace NanoLM.Tests;

public class ModelConfigTests
{
    [Fact]
    public void A_config_serialises_as_checkpoints_written_by_earlier_builds_hold_it_so_they_still_resume()
    {
        // A checkpoint resumes only into a config whose JSON equals the one it holds (Checkpoint.Load). This is the JSON
        // of the build of 2026-12-07, before the parametrization and weight-decay enums became the Spec's.
        var config = new ModelConfig { Width = 96, BaseWidth = 32, WeightDecayMode = Spec.WeightDecayMode.Independent, Parametrization = Spec.Parametrization.Sp };

        Assert.Equal(
            """{"Width":96,"Depth":2,"HeadDim":16,"SequenceLength":64,"VocabularySize":256,"BaseWidth":32,"InitStd":0.02,"InputMultiplier":1,"OutputMultiplier":1,"AttentionMultiplier":1,"Parametrization":1,"ZeroInitQueryAndReadout":true,"WeightDecayScaling":1,"LinearBias":false,"Heads":6,"WidthMultiplier":1}""",
            JsonSerializer.Serialize(config));
    }
}
