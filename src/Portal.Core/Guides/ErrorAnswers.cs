namespace Portal.Core.Guides;

/// <summary>An error a member may see, what it means, and the step of their program's guide that fixes it.</summary>
public sealed record ErrorAnswer(string Id, string? Code, string Message, string Cause, GuideStep Step)
{
    /// <summary>The code, unless the message already starts with it (server replies do).</summary>
    public string? ShownCode => Code is not null && !Message.StartsWith(Code, StringComparison.Ordinal) ? Code : null;
}

public static class ErrorAnswers
{
    // A program without a step for the exact tag is sent to the nearest one.
    private static readonly Dictionary<string, string[]> Nearest = new()
    {
        ["user"] = ["user", "auth"],
        ["password"] = ["password", "auth"],
        ["security"] = ["security", "port"],
        ["server"] = ["server", "port"],
    };

    /// <summary>The program's own errors first, then the server replies any program may show.</summary>
    public static IReadOnlyList<ErrorAnswer> For(Guide guide, IReadOnlyList<CommonError> common, GuideValues values)
    {
        var own = guide.Errors.Select(e => new ErrorAnswer(e.Id, e.Code, e.Message, e.Cause, guide.Steps.First(s => s.Id == e.Step)));
        var shared = common.Where(e => values.Applies(e.When)).Select(e => new ErrorAnswer(e.Id, e.Code, e.Message, e.Cause, StepFor(guide, e.Fix)));
        return own.Concat(shared).ToList();
    }

    public static GuideStep StepFor(Guide guide, string tag)
    {
        foreach (var candidate in Nearest.GetValueOrDefault(tag, [tag]))
        {
            if (guide.StepFixing(candidate) is { } step) return step;
        }

        return guide.StepFixing("auth") ?? guide.Steps[0];
    }
}
