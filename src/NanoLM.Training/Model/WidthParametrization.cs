namespace NanoLM.Training.Model;

/// <summary>μP (hyperparameters transfer across width) or the standard parametrization (GPT-2 style, everything at m = 1).</summary>
public enum WidthParametrization { MuP, Standard }
