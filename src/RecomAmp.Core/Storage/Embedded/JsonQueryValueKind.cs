namespace RecomAmp.Core.Storage.Embedded;

internal enum JsonQueryValueKind
{
    Null,
    Text,
    Number,
    Boolean,
}
