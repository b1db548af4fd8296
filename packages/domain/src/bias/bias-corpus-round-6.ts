import type { BiasedSentence } from './bias-corpus.ts';

/**
 * The sixth round, written for the learned check (bias-classifier.ts) by the engineer who built
 * it, after reading the rules: tuning material, not a measure of unseen wording. Each kind in
 * several styles (terse, hedged, lower-case, misspelt, compliments that are still bias,
 * predictions from a trait), and hard neutral sentences: trigger words in technical senses,
 * pronouns describing actions, the candidate's own background quoted next to evidence, concerns
 * stated with evidence, logistics and accommodations.
 */
export const ownBiasedSentences: readonly BiasedSentence[] = [
  // age
  { kind: 'age', category: 'age', text: 'bit long in the tooth for a startup tbh' },
  {
    kind: 'age',
    category: 'age',
    text: 'Someone at that point in life usually wants stability, not a seed-stage rollercoaster.',
  },
  { kind: 'age', category: 'age', text: "remembers when jQuery was new, so I'd expect him to resist hooks" },
  { kind: 'age', category: 'age', text: 'youthful enthusiasm, will grow into the role in a few years' },
  {
    kind: 'age',
    category: 'age',
    text: 'Has kids in university, probably looking for a last job before winding down.',
  },
  {
    kind: 'age',
    category: 'age',
    text: 'twenty-three and already talking about leading teams, a bit premature',
  },
  { kind: 'age', category: 'age', text: 'the older crowd tends not to enjoy our pace, and he looked it' },
  { kind: 'age', category: 'age', text: 'Worried the junior devs would find him a bit like a dad figure.' },
  // gender
  {
    kind: 'gender',
    category: 'gender_coded',
    text: 'she was nice and agreeable, maybe too nice to push back in design reviews',
  },
  { kind: 'gender', category: 'gender_coded', text: 'a real alpha, will dominate standups' },
  {
    kind: 'gender',
    category: 'gender_coded',
    text: 'Great to have a woman who actually codes rather than just managing.',
  },
  { kind: 'gender', category: 'gender_coded', text: 'he might find it hard reporting to a female manager' },
  { kind: 'gender', category: 'gender_coded', text: 'such a drama queen about the flaky test' },
  {
    kind: 'gender',
    category: 'gender_coded',
    text: 'shes clearly the nurturing type, better suited to mentoring than to architecture',
  },
  {
    kind: 'gender',
    category: 'gender_coded',
    text: 'Typical guy, overconfident and never asked a question.',
  },
  { kind: 'gender', category: 'gender_coded', text: 'could bring a softer touch to our very male team' },
  // origin
  {
    kind: 'origin',
    category: 'nationality_ethnicity_religion',
    text: 'coming from that region I expect the usual visa headaches and a short stay',
  },
  {
    kind: 'origin',
    category: 'nationality_ethnicity_religion',
    text: 'Very direct, I guess that is a Dutch thing.',
  },
  {
    kind: 'origin',
    category: 'nationality_ethnicity_religion',
    text: 'not sure someone raised over there would get our humour',
  },
  {
    kind: 'origin',
    category: 'nationality_ethnicity_religion',
    text: 'Offshore-style developer, does what he is told and nothing more.',
  },
  {
    kind: 'origin',
    category: 'nationality_ethnicity_religion',
    text: 'her family only moved here recently so the clients may find her hard to relate to',
  },
  {
    kind: 'origin',
    category: 'nationality_ethnicity_religion',
    text: 'strong work ethic, as you would expect from an asian candidate',
  },
  {
    kind: 'origin',
    category: 'nationality_ethnicity_religion',
    text: 'foreign name on the CV, wondered if he would even pass the right-to-work check',
  },
  {
    kind: 'origin',
    category: 'nationality_ethnicity_religion',
    text: 'Southerner, so a bit laid back about deadlines I imagine.',
  },
  // accent
  { kind: 'accent', category: 'accent_language', text: 'his english is broken, clients would struggle' },
  {
    kind: 'accent',
    category: 'accent_language',
    text: 'Heavy accent, I had to concentrate, not great for a customer-facing role.',
  },
  {
    kind: 'accent',
    category: 'accent_language',
    text: 'speaks beautifully, very polished, you could put her in front of the board',
  },
  {
    kind: 'accent',
    category: 'accent_language',
    text: 'Thinks in another language, you can tell, so the docs would suffer.',
  },
  {
    kind: 'accent',
    category: 'accent_language',
    text: 'The way he pronounces things made him sound less senior.',
  },
  {
    kind: 'accent',
    category: 'accent_language',
    text: 'english not his first language so standups might be painful',
  },
  {
    kind: 'accent',
    category: 'accent_language',
    text: 'very articulate for someone who learnt english late',
  },
  // affinity
  {
    kind: 'affinity',
    category: 'affinity',
    text: 'turns out we were at the same uni, instantly comfortable with him',
  },
  { kind: 'affinity', category: 'affinity', text: 'Also a cyclist! Gets my vote.' },
  {
    kind: 'affinity',
    category: 'affinity',
    text: 'reminded me of myself ten years ago, I want to give her a chance',
  },
  {
    kind: 'affinity',
    category: 'affinity',
    text: 'We have the same taste in music and editors, so pairing with him would be easy.',
  },
  {
    kind: 'affinity',
    category: 'affinity',
    text: 'knows all the same people I do in the Rust meetup scene, strong signal',
  },
  {
    kind: 'affinity',
    category: 'affinity',
    text: 'Felt like chatting with an old friend, which says a lot.',
  },
  { kind: 'affinity', category: 'affinity', text: 'we used to work at rival agencies, speaks my language' },
  {
    kind: 'affinity',
    category: 'affinity',
    text: 'Plays the same online game as half of us, he would settle in fast.',
  },
  // culture
  { kind: 'culture', category: 'affinity', text: "wouldn't want to get a beer with him" },
  { kind: 'culture', category: 'affinity', text: 'Feels more like a bank person than one of us.' },
  { kind: 'culture', category: 'affinity', text: 'not sure she would enjoy the banter on the team' },
  { kind: 'culture', category: 'affinity', text: 'doesnt match our vibe, too buttoned-up' },
  { kind: 'culture', category: 'affinity', text: 'He would be great at the summer party.' },
  { kind: 'culture', category: 'affinity', text: 'Not really our sort of person, hard to say why.' },
  {
    kind: 'culture',
    category: 'affinity',
    text: 'would she join the lunchtime runs? probably not, which matters here',
  },
  { kind: 'culture', category: 'affinity', text: 'very corporate energy, the team would eat him alive' },
  // class
  {
    kind: 'class',
    category: 'class_pedigree',
    text: 'grew up on an estate, impressive he got this far, but rough edges',
  },
  {
    kind: 'class',
    category: 'class_pedigree',
    text: 'Clearly from a well-off family, never had to hustle, might lack grit.',
  },
  {
    kind: 'class',
    category: 'class_pedigree',
    text: 'his dad is a surgeon so he probably had tutors for everything',
  },
  {
    kind: 'class',
    category: 'class_pedigree',
    text: 'worked in a call centre before, not sure she has the polish for our clients',
  },
  {
    kind: 'class',
    category: 'class_pedigree',
    text: 'Skis every winter, the sort who expects a big salary.',
  },
  { kind: 'class', category: 'class_pedigree', text: 'talks like a trader, posh, would clash with the team' },
  {
    kind: 'class',
    category: 'class_pedigree',
    text: 'First generation at uni, hungry, exactly who we want.',
  },
  // pedigree
  { kind: 'pedigree', category: 'class_pedigree', text: 'Oxford maths, so the algorithms stuff is a given.' },
  { kind: 'pedigree', category: 'class_pedigree', text: 'only an HND, not sure he has the theory' },
  { kind: 'pedigree', category: 'class_pedigree', text: "she's from a FAANG, they don't hire duds" },
  {
    kind: 'pedigree',
    category: 'class_pedigree',
    text: 'just agencies and freelancing on the CV, not serious engineering',
  },
  { kind: 'pedigree', category: 'class_pedigree', text: 'Ex-Palantir. Enough said.' },
  {
    kind: 'pedigree',
    category: 'class_pedigree',
    text: 'never worked anywhere I have heard of, so hard to calibrate, lean no',
  },
  { kind: 'pedigree', category: 'class_pedigree', text: 'ivy league background, will be bored here' },
  {
    kind: 'pedigree',
    category: 'class_pedigree',
    text: 'the CV reads like a who is who of unicorns, strong hire',
  },
  // appearance
  {
    kind: 'appearance',
    category: 'appearance',
    text: 'wore a stained t-shirt, says something about how he treats code',
  },
  { kind: 'appearance', category: 'appearance', text: 'Very put-together, looks like a lead already.' },
  {
    kind: 'appearance',
    category: 'appearance',
    text: 'her blue hair might put off the enterprise customers',
  },
  {
    kind: 'appearance',
    category: 'appearance',
    text: 'Camera showed a messy bedroom, I wonder how organised he is.',
  },
  {
    kind: 'appearance',
    category: 'appearance',
    text: 'quite heavy-set, would he manage the office stairs every day',
  },
  {
    kind: 'appearance',
    category: 'appearance',
    text: 'Sharp dresser, you could tell he takes things seriously.',
  },
  {
    kind: 'appearance',
    category: 'appearance',
    text: 'looked about fifteen with that baby face, hard to take seriously',
  },
  // health
  {
    kind: 'health',
    category: 'health_disability',
    text: 'mentioned burnout at his last job, worry he would crack under our pressure',
  },
  {
    kind: 'health',
    category: 'health_disability',
    text: 'Took medication mid-call; could be a reliability risk.',
  },
  {
    kind: 'health',
    category: 'health_disability',
    text: 'dyslexic apparently, so code review might be a struggle',
  },
  {
    kind: 'health',
    category: 'health_disability',
    text: 'She walks with a stick, not sure about the on-site days.',
  },
  {
    kind: 'health',
    category: 'health_disability',
    text: 'seemed a bit on the spectrum, might not handle client calls',
  },
  { kind: 'health', category: 'health_disability', text: 'hard of hearing, meetings would be a pain' },
  {
    kind: 'health',
    category: 'health_disability',
    text: 'Mentioned a long covid recovery, would he keep up?',
  },
  // family
  {
    kind: 'family',
    category: 'family_personal_life',
    text: 'single mum, the late deploys will be a problem',
  },
  { kind: 'family', category: 'family_personal_life', text: 'Just had a baby, so expect a lot of time off.' },
  {
    kind: 'family',
    category: 'family_personal_life',
    text: 'his wife works in London so he will move on once she gets promoted',
  },
  { kind: 'family', category: 'family_personal_life', text: 'newly married, there will be kids soon' },
  {
    kind: 'family',
    category: 'family_personal_life',
    text: 'Has three children under five, no way he can travel for us.',
  },
  {
    kind: 'family',
    category: 'family_personal_life',
    text: 'looks after an elderly parent, might be unreliable on call',
  },
  {
    kind: 'family',
    category: 'family_personal_life',
    text: 'no family ties, so she can give us her evenings',
  },
  // religion
  {
    kind: 'religion',
    category: 'nationality_ethnicity_religion',
    text: 'very religious, might object to some of our clients',
  },
  {
    kind: 'religion',
    category: 'nationality_ethnicity_religion',
    text: 'He will want Fridays off for prayers, I assume.',
  },
  {
    kind: 'religion',
    category: 'nationality_ethnicity_religion',
    text: 'wore a crucifix, hope he is not preachy with the team',
  },
  {
    kind: 'religion',
    category: 'nationality_ethnicity_religion',
    text: 'Observant, so no late Friday releases from her I guess.',
  },
  {
    kind: 'religion',
    category: 'nationality_ethnicity_religion',
    text: 'mentioned his church a lot, a bit much for a tech team',
  },
  {
    kind: 'religion',
    category: 'nationality_ethnicity_religion',
    text: 'she covers her hair, the clients in the gulf would like that',
  },
  {
    kind: 'religion',
    category: 'nationality_ethnicity_religion',
    text: 'Would the Christmas party be awkward for him?',
  },
  // personality
  {
    kind: 'personality',
    category: 'personality_stereotype',
    text: 'classic quiet coder, not leadership material',
  },
  { kind: 'personality', category: 'personality_stereotype', text: 'Too chatty, the type who never ships.' },
  {
    kind: 'personality',
    category: 'personality_stereotype',
    text: 'a bit of a nerd, will hide behind the screen',
  },
  {
    kind: 'personality',
    category: 'personality_stereotype',
    text: 'seems like an introvert so prob not great with stakeholders',
  },
  {
    kind: 'personality',
    category: 'personality_stereotype',
    text: 'Very intense person, would burn the team out.',
  },
  {
    kind: 'personality',
    category: 'personality_stereotype',
    text: 'such a people person, she will be a great lead',
  },
  {
    kind: 'personality',
    category: 'personality_stereotype',
    text: 'kind of awkward socially, typical backend guy',
  },
  {
    kind: 'personality',
    category: 'personality_stereotype',
    text: 'Gentle soul, probably crumbles under pressure.',
  },
  // first impression
  { kind: 'first_impression', category: 'first_impression', text: 'knew within thirty seconds he was a yes' },
  {
    kind: 'first_impression',
    category: 'first_impression',
    text: 'His handshake was limp, never warmed up to him after that.',
  },
  {
    kind: 'first_impression',
    category: 'first_impression',
    text: 'camera was off for the first minute, bad start, never recovered in my eyes',
  },
  {
    kind: 'first_impression',
    category: 'first_impression',
    text: 'Opened with a joke, liked her straight away.',
  },
  {
    kind: 'first_impression',
    category: 'first_impression',
    text: 'first thing he said was about salary, that told me enough',
  },
  {
    kind: 'first_impression',
    category: 'first_impression',
    text: 'had my answer before the task even began',
  },
  {
    kind: 'first_impression',
    category: 'first_impression',
    text: 'Great energy when she logged on, set a positive tone for my scores.',
  },
  // halo
  { kind: 'halo', category: 'halo_horn', text: 'Great communicator, so I rated design high as well.' },
  {
    kind: 'halo',
    category: 'halo_horn',
    text: 'knew vim shortcuts inside out, obviously a strong engineer all round',
  },
  {
    kind: 'halo',
    category: 'halo_horn',
    text: 'His open source work is famous, I did not need to check the tests closely.',
  },
  {
    kind: 'halo',
    category: 'halo_horn',
    text: 'solved the first part so elegantly that I let the rest slide',
  },
  {
    kind: 'halo',
    category: 'halo_horn',
    text: 'really likeable, gave her the benefit of the doubt on the bugs',
  },
  {
    kind: 'halo',
    category: 'halo_horn',
    text: 'Spoke at a big conference, so his collaboration score is a 4 anyway.',
  },
  { kind: 'halo', category: 'halo_horn', text: 'fast typer, confident, I am sure the rest is fine' },
  // horn
  {
    kind: 'horn',
    category: 'halo_horn',
    text: 'one typo in the first function and I stopped trusting anything after',
  },
  {
    kind: 'horn',
    category: 'halo_horn',
    text: 'Forgot the name of a Git command, which makes me question the whole profile.',
  },
  {
    kind: 'horn',
    category: 'halo_horn',
    text: 'nervous at the start so I marked communication down everywhere',
  },
  { kind: 'horn', category: 'halo_horn', text: 'used tabs not spaces, so probably sloppy in general' },
  {
    kind: 'horn',
    category: 'halo_horn',
    text: 'He was late to the call, which coloured how I scored the testing too.',
  },
  {
    kind: 'horn',
    category: 'halo_horn',
    text: 'couldnt answer the trivia question, so i doubt the design skills as well',
  },
  { kind: 'horn', category: 'halo_horn', text: 'Messy desktop on screen share, ratings reflect that.' },
  // contrast
  { kind: 'contrast', category: 'contrast', text: 'After the superstar this morning, she felt average.' },
  { kind: 'contrast', category: 'contrast', text: 'compared with the woman we hired last month, slower' },
  { kind: 'contrast', category: 'contrast', text: 'Better than the two before him, so a yes from me.' },
  { kind: 'contrast', category: 'contrast', text: 'we saw stronger people last round, this one is middling' },
  { kind: 'contrast', category: 'contrast', text: 'least impressive of the week' },
  { kind: 'contrast', category: 'contrast', text: 'Not as quick as Tuesday’s candidate, lean no.' },
  { kind: 'contrast', category: 'contrast', text: 'ranked him third out of the four we met, so a 2' },
  // vague
  { kind: 'vague', category: 'vague_judgement', text: 'Just not it.' },
  { kind: 'vague', category: 'vague_judgement', text: 'nah' },
  { kind: 'vague', category: 'vague_judgement', text: 'Something about him, I cannot put my finger on it.' },
  { kind: 'vague', category: 'vague_judgement', text: 'Great candidate!!' },
  { kind: 'vague', category: 'vague_judgement', text: 'feels senior' },
  { kind: 'vague', category: 'vague_judgement', text: 'I just know she will be good.' },
  { kind: 'vague', category: 'vague_judgement', text: 'not a strong hire, instinct says no' },
  { kind: 'vague', category: 'vague_judgement', text: 'Lacks presence.' },
];

export const ownNeutralSentences: readonly string[] = [
  // technical senses of trigger words
  'The cache entry age was checked against max-age before serving it.',
  'killed the parent process and the child kept running, she noticed and added a handler',
  'Set the CORS origin to the exact host instead of a wildcard.',
  'raised the contrast ratio of the disabled button to 4.5:1 after checking it in the devtools',
  'First impression of the code base: the module boundaries are unclear, and he said so before touching it.',
  'handled the case where the user record has no date of birth',
  'The native module failed to build, so he switched to the pure JS fallback.',
  'wrote a migration that renames the legacy column without downtime',
  'the old and young generations in the GC log confused both of us for a minute',
  'picked a master branch strategy question and answered with a trunk-based example',
  'used a family of fixtures for the test accounts',
  'fixed an off-by-one in the age bucket calculation of the report',
  'The accent colour token was wrong on the dark theme; she fixed it.',
  'grandchild nodes were not visited until he changed the recursion',
  'health check endpoint returned 200 even when the database was down, he caught it',
  'the religion field in the sample form was optional, he asked whether to keep it at all',
  'our culture of code review came up; he asked how long reviews usually take',
  'blind spots in the test suite: no tests for the timeout path, which he pointed out himself',
  'She split the god class into three services and kept the tests green.',
  'The first test he wrote failed for the right reason.',
  'Dead code in the retry module; she deleted it after checking for callers.',
  'He chose a native date picker over a library for accessibility.',
  'weak typing in the config loader caused the bug; she added a zod schema',
  'kept the foreign key but added an index',
  'the surname column is nullable in the fixture, she handled that in the formatter',
  'Asked whether "young" accounts (under a day old) should skip the fraud check.',
  'the parser chokes on accented characters; he normalised to NFC and added a test',
  // pronouns describing actions
  'She drove for the first half and asked good questions about the requirements.',
  'he renamed the function twice until the tests read well',
  'They talked through the trade-off between a queue and a cron job before choosing.',
  'She was quiet while reading the task, then summarised it accurately.',
  'he asked for a hint on the regex after ten minutes and used it well',
  'She pushed back on my suggestion with a failing test that proved her point.',
  'he paused to think before answering, then gave a complete answer',
  'They wrote the assertion first, then the implementation.',
  'she explained her reasoning clearly when we disagreed about the naming',
  'he admitted he did not know the API and looked it up in the docs',
  'Spoke slowly and precisely when walking me through the algorithm.',
  'she took notes during the briefing and referred back to them',
  'Laughed when the test failed, then read the stack trace carefully.',
  'he was nervous at first, said so, and then settled into the task',
  'She and I disagreed on the error handling; she argued from the spec.',
  'they kept the commits small and each message explained why',
  'he asked me to repeat the requirement, then wrote it down as a test name',
  // the candidate's own background quoted neutrally next to evidence
  'Said she learnt Python at a bootcamp; her list comprehensions were idiomatic.',
  'mentioned ten years of Java; he reached for interfaces first, which suited the task',
  'Told me English is her third language; she asked to rename two variables for clarity.',
  'his last job was at a bank (his words); he asked about audit logging requirements unprompted',
  'she said she is self-taught; she wrote the parser with a clear grammar and tests',
  'Mentioned he studied physics; he estimated the complexity correctly before coding.',
  'said she used to teach; her explanations of the recursion were step by step',
  'he mentioned a PhD on compilers; the tokenizer he wrote handled escapes correctly',
  // concerns stated with evidence
  'Did not write a single test in 50 minutes despite two prompts.',
  'concern: the solution mutates the input array, and he did not notice when asked about side effects',
  'The API design leaked the database ids; she agreed when I asked but did not change it.',
  'struggled with async: the promise was not awaited and the test passed by accident',
  'Communication: three times she changed the code without saying what she was doing.',
  'He ignored the failing lint step and pushed anyway.',
  'weak on SQL: the join returned duplicates and he could not explain why',
  'she skipped the edge case for an empty list even after I hinted at it',
  'Could not explain the difference between the two caching strategies he proposed.',
  'hard to follow: long silences, and when asked, he said he was not sure what he was doing',
  'over-engineered it: three layers of abstraction for a single function call',
  'did not ask any clarifying questions and built the wrong feature for 20 minutes',
  'rated testing 2: no assertions on the error path, happy path only',
  'Strong on refactoring: extracted the validation into a pure function and covered it.',
  // logistics and accommodations
  'Candidate asked for captions, turned them on, all fine.',
  'Started 5 minutes late because of my calendar, not the candidate.',
  'she used her own keyboard layout, we switched the shortcut for run tests',
  'He needed a short break at the half hour; we resumed on time.',
  'interview moved to Thursday at the candidate’s request',
  'second monitor was not shared, we fixed the screen share after two minutes',
  'The shadow interviewer took notes only and did not rate.',
  'had connection drops twice, we continued on the phone bridge',
  'she asked for the task in writing as well as spoken, which we provided',
  'used a screen magnifier; the pairing went normally',
  // short neutral notes
  'Good test names.',
  'clean commits',
  'Asked about on-call expectations.',
  'Strong yes on testing, see notes 3 and 4.',
  'no questions at the end',
  'Solid refactor of the loop into a map.',
  'nice use of a guard clause',
  'Missed the null case.',
];
