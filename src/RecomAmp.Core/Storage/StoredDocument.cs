namespace RecomAmp.Core.Storage;

/// <summary>A document as stored, with the ETag of the write that produced it.</summary>
public sealed record StoredDocument<T>(T Document, string ETag);
