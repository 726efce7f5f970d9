using System.Text.Json;

namespace RecomAmp.Core.Amc;

// Temporary copy of the shared AMC client contract, kept only until the AMC client lands on main.

public sealed record AmcInputParameter(string Name, string DataType, JsonElement? DefaultValue);
