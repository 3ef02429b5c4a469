namespace NanoLM.Training.Model;

/// <summary>What μP treats a parameter as; its init, LR and weight decay follow from the role.</summary>
public enum ParameterRole
{
    /// <summary>Token and position embeddings.</summary>
    Embedding,
    /// <summary>Q, K, V and MLP-in weights.</summary>
    Hidden,
    /// <summary>Attention-out and MLP-out weights, which write into the residual stream.</summary>
    ResidualOutput,
    /// <summary>LayerNorm gains and biases, and Linear biases.</summary>
    Vector,
    /// <summary>The untied unembedding.</summary>
    Readout,
}
