using RecomAmp.Sandbox.Lwa;

namespace RecomAmp.Sandbox;

/// <summary>The <c>Sandbox</c> configuration section: one subsection per Amazon area.</summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>Login with Amazon (section <c>Sandbox:Lwa</c>).</summary>
    public SandboxLwaOptions Lwa { get; set; } = new();
}
