namespace RecomAmp.Core.Storage;

public enum StorageProvider
{
    Embedded,
    Cosmos,
}
