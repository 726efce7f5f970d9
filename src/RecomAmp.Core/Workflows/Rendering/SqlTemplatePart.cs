namespace RecomAmp.Core.Workflows.Rendering;

/// <summary>
/// A piece of a parsed <see cref="SqlTemplate"/>: SQL text kept as written, or a placeholder.
/// </summary>
internal abstract record SqlTemplatePart;

/// <summary>SQL copied to the output unchanged (code, literals, identifiers, comments).</summary>
internal sealed record SqlTextPart(string Text) : SqlTemplatePart;

/// <summary>
/// A <c>{{name}}</c> placeholder; <paramref name="InsideStringLiteral"/> when it sits between quotes.
/// </summary>
internal sealed record SqlPlaceholderPart(string Name, bool InsideStringLiteral) : SqlTemplatePart;
