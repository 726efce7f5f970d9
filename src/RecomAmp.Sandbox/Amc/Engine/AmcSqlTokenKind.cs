namespace RecomAmp.Sandbox.Amc.Engine;

internal enum AmcSqlTokenKind
{
    Word,
    QuotedIdentifier,
    String,
    Number,
    Symbol,
}
