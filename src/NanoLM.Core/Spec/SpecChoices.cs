namespace NanoLM.Spec;

/// <summary>Where training tokens come from.</summary>
public enum DataSource { Synthetic, Shards }

/// <summary>The transformer block: GPT-2 style (LayerNorm, GELU) or Llama style (RMSNorm, SwiGLU, RoPE).</summary>
public enum ModelFamily { Gpt, Llama }

/// <summary>μP (hyperparameters transfer across width) or the standard parametrization (GPT-2 style, everything at width multiplier 1).</summary>
public enum Parametrization { Mup, Sp }

/// <summary>The shape of the learning-rate multiplier after warmup (wsd: warmup, stable, then decay).</summary>
public enum LearningRateSchedule { Cosine, Wsd, Constant, Linear }

/// <summary>
/// Whether AdamW's decay is multiplied by the LR (coupled, PyTorch's default: μP's hidden groups then get λ·m to keep
/// η·λ per step) or applied on its own (each step shrinks weights by λ times the schedule multiplier, whatever the LR).
/// </summary>
public enum WeightDecayMode { Coupled, Independent }

/// <summary>Where the trainer runs.</summary>
public enum TrainingDevice { Cpu, Cuda }

/// <summary>
/// Number format of weights and activations: fp32, or bf16 with fp32 master weights and optimizer moments (the model
/// computes in bf16; the optimizer updates fp32 copies and refreshes the bf16 weights from them every step).
/// </summary>
public enum Precision { Fp32, Bf16 }

/// <summary>The optimizer family; only AdamW for now.</summary>
public enum OptimizerKind { Adamw }

/// <summary>
/// The scaling laws (their classes are in Fitting/Laws). A ladder is fitted with the first three (`predict.law`);
/// curve-annealing fits the curve of one model, so only `fit` offers it.
/// </summary>
public enum ScalingLaw { Power, Chinchilla, Annealing, CurveAnnealing }

/// <summary>What bounds the law's irreducible loss E from below: the built-in corpus's oracle loss (no model can beat it), or nothing but 0.</summary>
public enum LossFloor { Oracle, None }
