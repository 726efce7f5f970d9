using System.Text;

namespace RecomAmp.Sandbox.Amc.Engine;

/// <summary>
/// Collects replacements of ranges of the original query and applies them, remembering where each piece of
/// the result came from so DuckDB's error positions can be mapped back to the text the analyst wrote.
/// </summary>
internal sealed class AmcSqlEditor(string original)
{
    private readonly List<(int Start, int Length, string Replacement)> _edits = [];
    private readonly List<(int RewrittenStart, int OriginalStart, int Length, bool Exact)> _segments = [];

    public string Original => original;

    public void Replace(int start, int length, string replacement) => _edits.Add((start, length, replacement));

    public void Replace(AmcSqlToken token, string replacement) => Replace(token.Start, token.Text.Length, replacement);

    public string Apply()
    {
        var result = new StringBuilder(original.Length + 256);
        var position = 0;
        foreach (var edit in _edits.OrderBy(e => e.Start))
        {
            if (edit.Start < position)
            {
                throw new InvalidOperationException("Overlapping query rewrites.");
            }

            AddSegment(result, position, edit.Start - position, original[position..edit.Start], exact: true);
            AddSegment(result, edit.Start, edit.Length, edit.Replacement, exact: false);
            position = edit.Start + edit.Length;
        }

        AddSegment(result, position, original.Length - position, original[position..], exact: true);
        return result.ToString();
    }

    /// <summary>The offset in the original text of an offset in the rewritten text, and whether it is exact.</summary>
    public (int Offset, bool Exact) ToOriginal(int rewrittenOffset)
    {
        foreach (var segment in _segments)
        {
            var length = segment.Exact ? segment.Length : Math.Max(segment.Length, 1);
            if (rewrittenOffset < segment.RewrittenStart + length)
            {
                return segment.Exact
                    ? (segment.OriginalStart + rewrittenOffset - segment.RewrittenStart, true)
                    : (segment.OriginalStart, false);
            }
        }

        return (original.Length, true);
    }

    private void AddSegment(StringBuilder result, int originalStart, int originalLength, string text, bool exact)
    {
        _segments.Add((result.Length, originalStart, exact ? originalLength : text.Length, exact));
        result.Append(text);
    }
}
