namespace Verification.Proctoring.Identity.Pledges;

/// <summary>Which keyboard the learner types on: their language's own script, or Latin letters.</summary>
internal enum PledgeKeyboard
{
    Native,
    Latin,
}

/// <summary>The pledge a learner is asked to type, with the language and keyboard it was chosen for.</summary>
internal sealed record PledgeChoice(string Phrase, string Language, PledgeKeyboard Keyboard, bool NativeAvailable);
