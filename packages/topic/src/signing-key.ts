/**
 * The simulator's fixed signing identity. It is published on purpose: a test key pair, so that users can
 * verify SNS signatures in their own code (Parsing Amazon SNS message formats: "Verifying the signatures of
 * Amazon SNS messages") against a certificate they obtain from the service. It signs nothing outside tests.
 * RSA-1024 rather than AWS's 2048 bits: one signature per published message, and 2048-bit signing costs about 7x
 * the CPU (docs/sns.md, "Fan-out benchmark and its limit").
 */
export const SIGNING_PRIVATE_KEY_PEM = `-----BEGIN PRIVATE KEY-----
MIICdwIBADANBgkqhkiG9w0BAQEFAASCAmEwggJdAgEAAoGBAMG5FtjA+FtmzRkO
b6S05d+1cpTJIdZ8/HuZDV4EKEeHcVzbaz6iIA0HElBABxnkMbw9sAfd9lFjfEKX
IPVT7nxW2oetHZ/7BRPVaMVqumuzNTBWxJtPh4tovfpHGIYO02aob0bqeij7NeCb
STIxaJaQ9hJ4VuTu5pJDP7x09TgVAgMBAAECgYEAjLzm+DnZNK4OuvFd8o7pogi0
YZtt1eGfnDupFnB2wuCHXyqZUzt9hXlpuJuLjSfXaiZ2yIBc/uwDzmz1KMX9L1u/
W3pVIJ6UeRrSuumhqvVVXaGDdyBYy/D/DLp55I5+nDuFqtWyQqPk3HQFgYzO2coJ
7Uy1Q1bjUrKnFdCATgECQQDtS+fh0v5awj8NBaRlnn6LWDvj9uNStirWP8NnRnbk
3oCaYhoaSph/W6IR675HXRWop8uMuU+0HpIP9phb1nGhAkEA0P34lpL8teQzhpN9
Qyd4+rI/Ryjc2hWNr0ZqWrLQguox5jW/FkWV/+NGgtD7HhGTfCBMWPc/AapVdzeh
s8nZ9QJAHPlBrN8YU3iYPjzMH+RESztQxLrmcrjvbg2HDFscNUG9rhwAV+l3yUUk
+s8wAoKpHFiwj9QomTOKXgyb+cqrQQJAK85gUeeDcvjfWAEIS5A1io7cNqU5Dblg
1nFzD4nVrOs8BF4VrKxvUZCpEfiN+nKCsIzwk+FXYpj6ix+tFEtmFQJBAIJZXmwl
RVaj8v9tyaDVcJg0toNBH3bX/er9R+W+nQ2HFvyFHkXSVM1DMOZ9f7GoJ0Ap/nHH
m2Z70wDF/xnwpxU=
-----END PRIVATE KEY-----
`;

/** Self-signed, valid 2000-01-01..2100-01-01 so virtual times anywhere near today verify. */
export const SIGNING_CERTIFICATE_PEM = `-----BEGIN CERTIFICATE-----
MIIBqTCCARICAQEwDQYJKoZIhvcNAQELBQAwHDEaMBgGA1UEAwwRc25zLmFtYXpv
bmF3cy5jb20wIBcNMDAwMTAxMDAwMDAwWhgPMjEwMDAxMDEwMDAwMDBaMBwxGjAY
BgNVBAMMEXNucy5hbWF6b25hd3MuY29tMIGfMA0GCSqGSIb3DQEBAQUAA4GNADCB
iQKBgQDBuRbYwPhbZs0ZDm+ktOXftXKUySHWfPx7mQ1eBChHh3Fc22s+oiANBxJQ
QAcZ5DG8PbAH3fZRY3xClyD1U+58VtqHrR2f+wUT1WjFarprszUwVsSbT4eLaL36
RxiGDtNmqG9G6noo+zXgm0kyMWiWkPYSeFbk7uaSQz+8dPU4FQIDAQABMA0GCSqG
SIb3DQEBCwUAA4GBAEboKpNth7sD8jHNeB+ON9n+CkcrJdjYPOvpKmc8JXtfnhVA
Z5bnQ7sD9qZyPyVy38wH4/O/zldBuPlM7ErVI4eJvD10L2J5QhicphaVueI2hT94
ByV84mu+8jc/BDwO3i3pauFqiEatgOO6nUvd7RoApzozWFS9cNoK78ySjxlj
-----END CERTIFICATE-----
`;
