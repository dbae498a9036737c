using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Verification.Proctoring.Api;
using Verification.Proctoring.Reviews.AppealReviewCase;

namespace Verification.Proctoring.Reviews;

/// <summary>The review endpoints' refusals, one wording each, so the claim, the decision and the appeal say the same thing.</summary>
internal static class ReviewProblems
{
    /// <summary>A decision's note or an appeal's reason, trimmed; or the refusal of a missing, blank or over-long one.</summary>
    public static (string? Note, ProblemHttpResult? Problem) CheckNote(string? raw) => ReviewNote.Normalise(raw) switch
    {
        null => (null, NoteMissing()),
        { } note when ReviewNote.TooLong(note) => (null, NoteTooLong()),
        { } note => (note, null),
    };

    public static ProblemHttpResult For(AppealOutcome outcome) => outcome switch
    {
        AppealOutcome.NotFound => NotFound(),
        AppealOutcome.AlreadyAppealed => ApiProblems.Create(StatusCodes.Status409Conflict, "appeal_already_made", "This rejection was appealed already.", "A rejection can be appealed once; its outcome is in the case's history."),
        AppealOutcome.WindowClosed => ApiProblems.Create(StatusCodes.Status409Conflict, "appeal_window_closed", "The time to appeal this rejection has passed.", "A rejection can be appealed while its evidence is kept; it has been deleted under the retention schedule (GET /privacy/retention)."),
        _ => ApiProblems.Create(StatusCodes.Status409Conflict, "review_case_not_rejected", "Only a rejection can be appealed.", "This case is open or was approved."),
    };

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

    /// <summary>The Host's code for a body missing a required value (docs/http-errors.md).</summary>
    public static ProblemHttpResult DecisionMissing() =>
        ApiProblems.Create(StatusCodes.Status400BadRequest, "request_malformed", "No decision.", "Send decision as approved, rejected or escalated, with a note.");

    public static ProblemHttpResult NoteMissing() =>
        ApiProblems.Create(StatusCodes.Status400BadRequest, "review_note_missing", "A note is required.", "Say what the evidence showed; the note stays in the case's history.");

    public static ProblemHttpResult NoteTooLong() =>
        ApiProblems.Create(StatusCodes.Status400BadRequest, "review_note_too_long", "The note is too long.", $"Keep it to {ReviewSettings.MaxNoteLength} characters.");
}
