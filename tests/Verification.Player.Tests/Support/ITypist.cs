using Microsoft.Playwright;

namespace Verification.Player.Tests.Support;

/// <summary>Something that types a text into the focused input the way a learner would.</summary>
internal interface ITypist
{
    Task TypeAsync(IPage page, string text);
}
