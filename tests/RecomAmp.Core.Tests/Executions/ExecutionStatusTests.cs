using RecomAmp.Core.Executions;

namespace RecomAmp.Core.Tests.Executions;

public sealed class ExecutionStatusTests
{
    [Theory]
    [InlineData("SUCCESS", "SUCCEEDED")]
    [InlineData("success", "SUCCEEDED")]
    [InlineData("SUCCEEDED", "SUCCEEDED")]
    [InlineData(" running ", "RUNNING")]
    [InlineData("Rejected", "REJECTED")]
    [InlineData("DONE", null)]
    [InlineData("", null)]
    public void ParseFilter_Text_GivesTheStatus(string text, string? expected)
    {
        Assert.Equal(expected, ExecutionStatus.ParseFilter(text));
    }

    [Fact]
    public void Statuses_AreActiveOrTerminal_NeverBoth()
    {
        Assert.All(ExecutionStatus.All, status =>
            Assert.NotEqual(ExecutionStatus.IsActive(status), ExecutionStatus.IsTerminal(status)));
        Assert.Equal(["PENDING", "RUNNING"], ExecutionStatus.All.Where(ExecutionStatus.IsActive));
    }
}
