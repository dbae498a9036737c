using Verification.Enrollment.Contracts;

namespace Verification.Enrollment.Enrollments;

internal static class Tracks
{
    public static string ToColumn(EnrollmentTrack track) => track switch
    {
        EnrollmentTrack.Audit => "audit",
        EnrollmentTrack.Verified => "verified",
        _ => throw new ArgumentOutOfRangeException(nameof(track)),
    };
}
