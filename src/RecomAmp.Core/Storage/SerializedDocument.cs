namespace RecomAmp.Core.Storage;

/// <summary>A document as JSON text, with its time to live in seconds (null: it never expires).</summary>
internal sealed record SerializedDocument(string Json, int? TtlSeconds);
