using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Verification.Proctoring.Api;

namespace Verification.Proctoring.Reviews;

/// <summary>The review endpoints' refusals, one wording each, so the claim and the decision say the same thing.</summary>
internal static class ReviewProblems
{
    public static ProblemHttpResult For(CaseGate gate) => gate switch
    {
        CaseGate.NotFound => NotFound(),
        CaseGate.Decided => ApiProblems.Create(StatusCodes.Status409Conflict, "review_case_decided", "Already decided.", "This case was approved or rejected already; only the learner's appeal reopens it."),
        CaseGate.ClaimedByAnother => ApiProblems.Create(StatusCodes.Status409Conflict, "review_case_claimed", "Another reviewer holds this case.", "Take the next case in the queue; a claim lapses if its holder leaves it."),
        CaseGate.SeniorOnly => ApiProblems.Create(StatusCodes.Status403Forbidden, "senior_reviewer_required", "An escalated case is for a senior reviewer.", "Leave it in the senior queue (GET /api/v1/review-cases/escalated)."),
        _ => ApiProblems.Create(StatusCodes.Status403Forbidden, "appeal_needs_another_reviewer", "You rejected this case; its appeal goes to another reviewer.", "Take the next case in the queue."),
    };

    public static ProblemHttpResult NotFound() =>
        ApiProblems.Create(StatusCodes.Status404NotFound, "review_case_not_found", "No such review case.", "Check the case id against GET /api/v1/review-cases.");

    public static ProblemHttpResult NoteMissing() =>
        ApiProblems.Create(StatusCodes.Status400BadRequest, "review_note_missing", "A note is required.", "Say what the evidence showed; the note stays in the case's history.");

    public static ProblemHttpResult NoteTooLong() =>
        ApiProblems.Create(StatusCodes.Status400BadRequest, "review_note_too_long", "The note is too long.", $"Keep it to {ReviewSettings.MaxNoteLength} characters.");
}
