namespace RecomAmp.Sandbox.Amc.Engine;

/// <summary>A lexical token of a query: kind, position in the text and the text itself.</summary>
internal readonly record struct AmcSqlToken(AmcSqlTokenKind Kind, int Start, string Text)
{
    public int End => Start + Text.Length;

    public bool IsWord(string word) =>
        Kind == AmcSqlTokenKind.Word && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(char symbol) => Kind == AmcSqlTokenKind.Symbol && Text.Length == 1 && Text[0] == symbol;

    /// <summary>The value of a single-quoted string literal, quotes removed and doubled quotes undone.</summary>
    public string StringValue => Text[1..^1].Replace("''", "'", StringComparison.Ordinal);
}
