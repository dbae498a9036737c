namespace Verification.Matching.Fusion;

/// <summary>
/// How evidence accumulates in a session. The face score model is two normal distributions of the cosine score; the
/// typing score model two normal distributions of the keystroke verifier's log-likelihood ratio. The Host and
/// <c>verification evaluate sessions</c> replace the defaults below with the models fitted through this pipeline
/// (<see cref="Apply"/>, <c>models/session-score-models.json</c>); the defaults serve unit tests of the rules.
/// The log-likelihood ratio of a frame is the log of their density ratio, clipped so that one frame never decides alone.
/// </summary>
public sealed class FusionOptions
{
    public double GenuineMean { get; set; } = 0.64;

    public double GenuineSd { get; set; } = 0.15;

    public double ImpostorMean { get; set; } = 0.01;

    public double ImpostorSd { get; set; } = 0.10;

    /// <summary>One frame moves the evidence by at most this many nats.</summary>
    public double FrameLlrLimit { get; set; } = 6;

    /// <summary>Per-frame decay of older evidence: recent frames dominate, so a swap mid-session shows within a few frames.</summary>
    public double Decay { get; set; } = 0.6;

    /// <summary>Decayed evidence below this raises face mismatch (about two frames that each look strongly like another person).</summary>
    public double MismatchEvidence { get; set; } = -7;

    /// <summary>Frames in a row with no face before the flag: one glance away is normal.</summary>
    public int NoFaceFrames { get; set; } = 3;

    public int SeveralFacesFrames { get; set; } = 2;

    public int SpoofFrames { get; set; } = 2;

    public double LivenessThreshold { get; set; } = 0.3;

    public int BlockedFrames { get; set; } = 3;

    /// <summary>Mean brightness (0-255) under which a frame counts as black.</summary>
    public double BlackFrameBrightness { get; set; } = 12;

    /// <summary>Summed typing log-likelihood ratio below which typing mismatch is raised.</summary>
    public double TypingMismatchEvidence { get; set; } = -2;

    /// <summary>The verifier's log-likelihood ratio for the learner's own typing; the defaults leave the verifier's calibration as it is.</summary>
    public double TypingGenuineMean { get; set; } = 0.5;

    public double TypingImpostorMean { get; set; } = -0.5;

    /// <summary>One sd for both typing populations, so the recalibrated ratio is monotone: typing more like the profile never counts against the learner.</summary>
    public double TypingSd { get; set; } = 1;

    /// <summary>
    /// The typing model and level for a profile refined by verified sessions (<see cref="ForTypingProfile"/>): its typist
    /// is known from more and more recent typings, so their checks score higher and one level cannot serve both kinds.
    /// </summary>
    public double RefinedTypingGenuineMean { get; set; } = 0.5;

    public double RefinedTypingImpostorMean { get; set; } = -0.5;

    public double RefinedTypingSd { get; set; } = 1;

    public double RefinedTypingMismatchEvidence { get; set; } = -2;

    /// <summary>
    /// Summed typing evidence a verified session needs before its typing refines the profile
    /// (<see cref="SessionEvidence.TypingRefinesProfile"/>): an impostor whose typing once escaped the flag would otherwise
    /// become the profile and never be caught again. Fitted per kind of profile, like the mismatch levels.
    /// </summary>
    public double TypingRefinementEvidence { get; set; }

    public double RefinedTypingRefinementEvidence { get; set; }

    /// <summary>One typing check moves the typing evidence by at most this many nats.</summary>
    public double TypingCheckLlrLimit { get; set; } = 6;

    /// <summary>Typing checks a session asks for: the typing level is chosen for this many (the measured trade-off).</summary>
    public int TypingChecksPerSession { get; set; } = 4;

    /// <summary>The pipeline version of the fitted models in force; empty while the defaults are.</summary>
    public string ScoreModelsVersion { get; set; } = "";

    /// <summary>Takes the fitted score models and the evidence levels chosen with them.</summary>
    public void Apply(SessionScoreModels models)
    {
        ArgumentNullException.ThrowIfNull(models);
        GenuineMean = models.FaceGenuine.Mean;
        GenuineSd = models.FaceGenuine.Sd;
        ImpostorMean = models.FaceImpostor.Mean;
        ImpostorSd = models.FaceImpostor.Sd;
        MismatchEvidence = models.FaceMismatchEvidence;
        TypingGenuineMean = models.TypingGenuine.Mean;
        TypingImpostorMean = models.TypingImpostor.Mean;
        TypingSd = TypingScoreModel.PooledSd(models.TypingGenuine, models.TypingImpostor);
        TypingMismatchEvidence = models.TypingMismatchEvidence;
        TypingChecksPerSession = models.TypingChecksPerSession;
        RefinedTypingGenuineMean = models.RefinedTyping.Genuine.Mean;
        RefinedTypingImpostorMean = models.RefinedTyping.Impostor.Mean;
        RefinedTypingSd = TypingScoreModel.PooledSd(models.RefinedTyping.Genuine, models.RefinedTyping.Impostor);
        RefinedTypingMismatchEvidence = models.RefinedTyping.MismatchEvidence;
        TypingRefinementEvidence = models.TypingRefinementEvidence ?? double.PositiveInfinity;
        RefinedTypingRefinementEvidence = models.RefinedTyping.RefinementEvidence ?? double.PositiveInfinity;
        ScoreModelsVersion = models.PipelineVersion;
    }

    /// <summary>
    /// The options for a session with a typing profile refined by verified sessions (<paramref name="refined"/>): the
    /// refined typing model and level in place of the enrollment's; these options themselves otherwise.
    /// </summary>
    public FusionOptions ForTypingProfile(bool refined)
    {
        if (!refined)
        {
            return this;
        }

        var options = (FusionOptions)MemberwiseClone();
        options.TypingGenuineMean = RefinedTypingGenuineMean;
        options.TypingImpostorMean = RefinedTypingImpostorMean;
        options.TypingSd = RefinedTypingSd;
        options.TypingMismatchEvidence = RefinedTypingMismatchEvidence;
        options.TypingRefinementEvidence = RefinedTypingRefinementEvidence;
        return options;
    }

    /// <summary>These options with another typing refinement level, for the fit that chooses it.</summary>
    public FusionOptions WithTypingRefinementEvidence(double level)
    {
        var options = (FusionOptions)MemberwiseClone();
        options.TypingRefinementEvidence = level;
        return options;
    }

    /// <summary>What a session's evidence must cover before it may end Verified (docs/player-protocol.md §5).</summary>
    public EvidenceCoverageOptions Coverage { get; set; } = new();
}
