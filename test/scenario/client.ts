// A user's client module for the scenario fixtures: the loader only checks that it exists.
export default async function client(request: { maxTokens: number }): Promise<{ text: string }> {
  return { text: `answer of at most ${request.maxTokens} tokens` };
}
