namespace NanoLM;

/// <summary>A mistake in the user's input or setup: the CLI prints the message alone and exits 1, with no stack trace.</summary>
public sealed class UserError(string message) : Exception(message);
