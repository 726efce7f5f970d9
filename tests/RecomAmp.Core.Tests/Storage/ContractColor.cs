namespace RecomAmp.Core.Tests.Storage;

public enum ContractColor
{
    Plain,
    DeepBlue,
}
