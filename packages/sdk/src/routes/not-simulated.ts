/**
 * Operations the routing tables decode (so the SDK's request reaches simcloud) but no service simulates: the handler
 * answers them with the service's unknown-operation error. Each has the reason it is left out; `coverage.test.ts`
 * fails when a routed operation is neither a service method nor listed here, and when a listed one gains a method.
 * docs/sdk.md lists them for users.
 */
export const NOT_SIMULATED: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  sns: {
    GetDataProtectionPolicy: "message data protection is not simulated",
    PutDataProtectionPolicy: "message data protection is not simulated",
    CreatePlatformApplication: "mobile push (platform applications and endpoints) is not simulated",
    DeletePlatformApplication: "mobile push is not simulated",
    GetPlatformApplicationAttributes: "mobile push is not simulated",
    SetPlatformApplicationAttributes: "mobile push is not simulated",
    ListPlatformApplications: "mobile push is not simulated",
    CreatePlatformEndpoint: "mobile push is not simulated",
    DeleteEndpoint: "mobile push is not simulated",
    GetEndpointAttributes: "mobile push is not simulated",
    SetEndpointAttributes: "mobile push is not simulated",
    ListEndpointsByPlatformApplication: "mobile push is not simulated",
    CheckIfPhoneNumberIsOptedOut: "SMS account settings and phone numbers are not simulated",
    ListPhoneNumbersOptedOut: "SMS account settings and phone numbers are not simulated",
    OptInPhoneNumber: "SMS account settings and phone numbers are not simulated",
    GetSMSAttributes: "SMS account settings and phone numbers are not simulated",
    SetSMSAttributes: "SMS account settings and phone numbers are not simulated",
    ListOriginationNumbers: "SMS account settings and phone numbers are not simulated",
    GetSMSSandboxAccountStatus: "the SMS sandbox is not simulated",
    CreateSMSSandboxPhoneNumber: "the SMS sandbox is not simulated",
    DeleteSMSSandboxPhoneNumber: "the SMS sandbox is not simulated",
    VerifySMSSandboxPhoneNumber: "the SMS sandbox is not simulated",
    ListSMSSandboxPhoneNumbers: "the SMS sandbox is not simulated",
  },
};
