using Spectre.Console.Cli;
using Verification.Cli.Audit;
using Verification.Cli.Certificates;
using Verification.Cli.Access;
using Verification.Cli.Face;
using Verification.Cli.Keystroke;
using Verification.Cli.Load;
using Verification.Cli.Lti;
using Verification.Cli.MasterKey;
using Verification.Cli.Sessions;
using Verification.Cli.SeveralFaces;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("verification");
    config.AddCommand<LoadTestCommand>("load-test").WithDescription("A sweep of simulated course players, each with its own learner, against a Host on this machine: latency, throughput, errors, CPU, memory, capacity.");
    config.AddBranch("keys", keys =>
    {
        keys.SetDescription("Partners' API keys: create (shown once), list, revoke.");
        keys.AddCommand<CreateKeyCommand>("create").WithDescription("Create a key for a partner with scopes; prints it once.");
        keys.AddCommand<ListKeysCommand>("list").WithDescription("Keys with prefix, scopes, created, last used and revoked.");
        keys.AddCommand<RevokeKeyCommand>("revoke").WithDescription("Revoke a key by id.");
    });
    config.AddBranch("master-key", masterKey =>
    {
        masterKey.SetDescription("The master key that wraps learner keys and the service's secrets (Encryption__ActiveKeyId, Encryption__Keys__{id}).");
        masterKey.AddCommand<RotateMasterKeyCommand>("rotate")
            .WithDescription("Re-wrap every ciphertext still under a retired master key under the active one, with progress; safe while the Host serves, resumable.");
        masterKey.AddCommand<MasterKeyStatusCommand>("status")
            .WithDescription("Ciphertexts per sealed column under the active and under retired keys (exit 1 while a rotation is unfinished).");
    });
    config.AddBranch("lti", lti =>
    {
        lti.SetDescription("LTI 1.3 Proctoring Services: partners' LMS registrations and the values an LMS administrator registers for this tool.");
        lti.AddCommand<RegisterPlatformCommand>("register").WithDescription("Register a partner's LMS (issuer, client id, deployments, OIDC authorization, token and JWKS URLs), or replace it.");
        lti.AddCommand<ListPlatformsCommand>("list").WithDescription("Every registered LMS.");
        lti.AddCommand<ToolValuesCommand>("tool-values").WithDescription("Login initiation, launch and JWKS URLs and the tool's public key (PEM and JWK), as JSON.");
    });
    config.AddBranch("staff", staff =>
    {
        staff.SetDescription("Staff accounts: reviewers, senior reviewers, admins and organisations' program administrators.");
        staff.AddCommand<CreateStaffCommand>("create").WithDescription("Create an account; prints its one-time password.");
        staff.AddCommand<DisableStaffCommand>("disable").WithDescription("Disable an account by id.");
        staff.AddCommand<StaffPasswordCommand>("password").WithDescription("Issue a new one-time password (the only way to see one again).");
    });
    config.AddBranch("evaluate", evaluate =>
    {
        evaluate.SetDescription("Measure the matching core on public evaluation data.");
        evaluate.AddCommand<EvaluateFaceCommand>("face").WithDescription("Face verification error rates on an LFW-style pairs file.");
        evaluate.AddCommand<EvaluateFaceQualityCommand>("face-quality").WithDescription("Quality measurements and liveness of every image in a folder.");
        evaluate.AddCommand<EvaluateFaceTemplateCommand>("face-template").WithDescription("Multi-frame templates against single frames on LFW identities.");
        evaluate.AddCommand<EvaluateSeveralFacesCommand>("several-faces").WithDescription("Second faces in LFW photos against a second person over the shoulder (composites): the several-faces rule.");
        evaluate.AddCommand<EvaluateSessionsCommand>("sessions").WithDescription("Whole sessions of chimeric users (LFW face x CMU typing) through the real matching and session verdict code.");
        evaluate.AddCommand<EvaluateLivenessCommand>("liveness").WithDescription("Presentation-attack detection (APCER, BPCER) on a labelled spoof set.");
        evaluate.AddCommand<Verification.Cli.FreeText.EvaluateFreeTextCommand>("freetext").WithDescription("Free-text typing on the Aalto subset: EER at stated amounts of typing, key classes (what the service uses) against full keys.");
        evaluate.AddCommand<EvaluateKeystrokeCommand>("keystroke")
            .WithDescription("Keystroke detectors and fusion on the CMU benchmark (Killourhy & Maxion 2009 protocol) and the Aalto free-text subset.");
    });
    config.AddBranch("audit", audit =>
    {
        audit.SetDescription("The audit log.");
        audit.AddCommand<VerifyAuditCommand>("verify")
            .WithDescription("Recompute the audit chain with Audit__Key against VERIFICATION_DB and name the first bad entry (exit 1 when broken).");
        audit.AddCommand<ProvisionAuditCommand>("provision")
            .WithDescription("As a superuser (VERIFICATION_DB): give the audit schema to the NOLOGIN role verification_audit; the service's role keeps appending and reading.");
    });
    config.AddCommand<VerifyCertificateCommand>("verify-certificate")
        .WithDescription("Check a downloaded certificate credential's signature (offline with --keys) and, online, its revocation status.");
    config.AddBranch("fit", fit =>
    {
        fit.SetDescription("Fit the parameters the service's rules use, through its own pipeline.");
        fit.AddCommand<Verification.Cli.FreeText.FitFreeTextModelCommand>("freetext-model").WithDescription("The free-text score model (per amount of typing) on the Aalto subset, through the service's free-text profile; writes out/freetext-model/. For evaluation only (Aalto licence): never shipped, a deployment fits its own on typing it may use.");
        fit.AddCommand<FitSessionModelsCommand>("session-models")
            .WithDescription("Face and typing score models of the session fusion and their evidence levels; writes models/session-score-models.json.");
    });
    config.AddBranch("train", train =>
    {
        train.SetDescription("Train the models the project makes itself.");
        train.AddCommand<TrainKeystrokeCommand>("keystroke")
            .WithDescription("Train the keystroke fusion classifier on the CMU benchmark and write models/keystroke.");
    });
});
return await app.RunAsync(args);
