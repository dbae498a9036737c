// One factory for the Catalog and Enrollment tests: the real Host with real credentials (Verification.Testing).
global using TestApp = Verification.Testing.Hosting.ServiceApp<Program>;
global using Verification.Testing;
