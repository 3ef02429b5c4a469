namespace NanoLM.Spec;

/// <summary>The stable NLM codes of spec diagnostics; docs/nanolm-yaml.md lists them. Never renumber one.</summary>
public static class DiagnosticCodes
{
    // NLM01xx: the file, YAML syntax and keys.
    public const string FileUnreadable = "NLM0100";
    public const string YamlSyntax = "NLM0101";
    public const string DuplicateKey = "NLM0102";
    public const string UnknownKey = "NLM0103";
    public const string MissingKey = "NLM0104";
    public const string NotAMapping = "NLM0105";
    public const string EmptySpec = "NLM0106";
    public const string NotText = "NLM0107";

    // NLM02xx: types and ranges of single values.
    public const string WrongType = "NLM0201";
    public const string OutOfRange = "NLM0202";
    public const string InvalidChoice = "NLM0203";
    public const string WrongLength = "NLM0204";

    // NLM03xx: consistency between values.
    public const string WidthNotDivisible = "NLM0301";
    public const string LadderNotIncreasing = "NLM0302";
    public const string ProxyOutsideLadder = "NLM0303";
    public const string MemoryTooLarge = "NLM0304";
    public const string MemoryLarge = "NLM0305";
    public const string SearchModeConflict = "NLM0306";
    public const string KeyNotApplicable = "NLM0307";
    public const string TargetInsideLadder = "NLM0308";
    public const string WarmupTooLong = "NLM0309";
    public const string FitStepBeyondTraining = "NLM0310";
    public const string FitStepNotEvaluated = "NLM0311";
    public const string RangeReversed = "NLM0312";
    public const string TargetSizeAmbiguous = "NLM0313";
    public const string LadderTooShort = "NLM0314";
    public const string TooFewHeads = "NLM0315";
    public const string BurnInBeyondTraining = "NLM0316";
    public const string SeedsIdentical = "NLM0317";
    public const string TopicGroupsNotDivisor = "NLM0318";
    public const string SearchRungNotInLadder = "NLM0319";
    public const string SeedsWidthNotInLadder = "NLM0320";
}
