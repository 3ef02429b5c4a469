namespace NanoLM.Training.Model;

/// <summary>
/// Coupled: AdamW multiplies the decay by the group's LR, so μP hidden groups get λ·m to keep η·λ per step.
/// Independent: each step shrinks weights by λ times the schedule multiplier, whatever the group's LR.
/// </summary>
public enum WeightDecayScaling { Coupled, Independent }
