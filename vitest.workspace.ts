export default ["packages/*", "examples", "conformance"];
