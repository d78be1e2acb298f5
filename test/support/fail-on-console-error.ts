// A test fails when the code under test writes to console.error without the test expecting it.
let spy: jest.SpyInstance;

beforeEach(() => {
  spy = jest.spyOn(console, 'error');
});

afterEach(() => {
  const calls = spy.mock.calls;
  spy.mockRestore();
  if (calls.length > 0) {
    throw new Error(`unexpected console.error: ${calls.map((c) => c.map(String).join(' ')).join('\n')}`);
  }
});
