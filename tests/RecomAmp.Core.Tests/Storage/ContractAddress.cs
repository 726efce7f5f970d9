namespace RecomAmp.Core.Tests.Storage;

public sealed record ContractAddress(string CityName, string? PostalCode);
