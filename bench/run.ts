// `npm run bench`: requests per second and latency of the hot paths, next to a bare node:http
// hello-world measured in the same run on the same machine (the ratio is the figure to watch).
// Options: BENCH_SECONDS (default 5), BENCH_CONNECTIONS (default 10), DATABASE_URL (default: embedded).
import autocannon from 'autocannon';
import { createServer } from 'node:http';
import { mkdtemp, rm, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../tests/helpers/ports.ts';
import { runCli, spawnServer } from '../tests/helpers/process.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

interface Row {
  target: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(target: string, options: autocannon.Options): Promise<Row> {
  const result = await autocannon({ connections, duration: seconds, ...options });
  return {
    target,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx
  };
}

async function post(url: string, body: unknown, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body)
  });
  return (await response.json()) as { data: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- ad-hoc JSON
}

/** About 2 KB of formatted text, as an organizer writes it. */
function description2kB(): string {
  const paragraph =
    '<p>Bring a blanket, something to share and <strong>your neighbours</strong>. We meet by the big oak, ' +
    'near the <a href="https://example.org/map">north gate</a>; the path is step-free.</p>';
  return `${paragraph.repeat(9)}<ul><li>Games for children</li><li>Music from 3 pm</li></ul>`;
}

/**
 * n participants: one guest account (sign-in is rate-limited per address) with n profiles, each
 * taking part with its own profile.
 */
async function addParticipants(eventId: string, n: number) {
  const email = `guests-${Date.now()}@example.org`;
  const created = await runCli(
    ['users', 'new', email, '--password', 'guest password', '--profile', `guest${Date.now().toString(36)}`],
    env
  );
  if (created.code !== 0) throw new Error(created.stderr);
  const signedIn = await post(`${baseUrl}/api`, {
    query: 'mutation($e:String!,$p:String!){login(email:$e,password:$p){accessToken}}',
    variables: { e: email, p: 'guest password' }
  });
  const guestToken = signedIn.data.login.accessToken as string;
  for (let i = 0; i < n; i++) {
    const profile = await post(
      `${baseUrl}/api`,
      {
        query: 'mutation($u:String!,$n:String!){createPerson(preferredUsername:$u,name:$n){id}}',
        variables: { u: `guest_${i}_${Date.now().toString(36)}`, n: `Guest ${i}` }
      },
      guestToken
    );
    const joined = await post(
      `${baseUrl}/api`,
      {
        query: 'mutation($e:ID!,$a:ID!){joinEvent(eventId:$e,actorId:$a){id role}}',
        variables: { e: eventId, a: profile.data.createPerson.id }
      },
      guestToken
    );
    if (joined.data?.joinEvent?.role !== 'PARTICIPANT') throw new Error(`guest ${i} could not join`);
  }
}

const helloPort = await freePort();
const hello = createServer((_req, res) => res.end('hello world'));
await new Promise<void>((resolve) => hello.listen(helloPort, '127.0.0.1', resolve));

const dataDir = await mkdtemp(join(tmpdir(), 'convene-bench-'));
await chmod(dataDir, 0o755);
const port = await freePort();
const baseUrl = `http://127.0.0.1:${port}`;
const env: Record<string, string> = { PORT: String(port), PUBLIC_URL: baseUrl, DATA_DIR: dataDir, LOG_LEVEL: 'error' };
if (process.env.DATABASE_URL) env.DATABASE_URL = process.env.DATABASE_URL;
const server = await spawnServer(env);
try {
  const email = `bench${Date.now()}@example.org`;
  const created = await runCli(
    ['users', 'new', email, '--password', 'bench password', '--profile', `bench${Date.now().toString(36)}`],
    env
  );
  if (created.code !== 0) throw new Error(created.stderr);
  const login = await post(`${baseUrl}/api`, {
    query: 'mutation($e:String!,$p:String!){login(email:$e,password:$p){accessToken user{defaultActor{id}}}}',
    variables: { e: email, p: 'bench password' }
  });
  const token = login.data.login.accessToken as string;
  const event = await post(
    `${baseUrl}/api`,
    {
      query:
        'mutation($o:ID!,$d:String!){createEvent(organizerActorId:$o,title:"Benchmark picnic",description:$d,beginsOn:"2030-06-20T10:00:00Z",endsOn:"2030-06-20T14:00:00Z",physicalAddress:{description:"Parc",locality:"Paris",country:"France",geom:"2.35;48.85"},options:{timezone:"Europe/Paris"}){uuid id}}',
      variables: { o: login.data.login.user.defaultActor.id, d: description2kB() }
    },
    token
  );
  const uuid = event.data.createEvent.uuid as string;
  await addParticipants(event.data.createEvent.id as string, 20);
  // A personal calendar with 50 events, each in its own week.
  for (let i = 1; i < 50; i++) {
    const day = new Date(Date.UTC(2030, 0, 1 + i * 7, 18)).toISOString();
    await post(
      `${baseUrl}/api`,
      {
        query: `mutation($o:ID!,$b:DateTime!){createEvent(organizerActorId:$o,title:"Choir ${i}",description:"<p>Rehearsal, room ${i}</p>",beginsOn:$b,options:{timezone:"Europe/Paris"}){uuid}}`,
        variables: { o: login.data.login.user.defaultActor.id, b: day }
      },
      token
    );
  }
  // A group with 10 upcoming events and 10 public posts: its public page is where visitors land.
  const group = await post(
    `${baseUrl}/api`,
    {
      query:
        'mutation($u:String!){createGroup(preferredUsername:$u,name:"Bench walkers",summary:"<p>Walks along the river.</p>"){id preferredUsername}}',
      variables: { u: `walkers${Date.now().toString(36)}` }
    },
    token
  );
  const groupId = group.data.createGroup.id as string;
  const groupName = group.data.createGroup.preferredUsername as string;
  for (let i = 1; i <= 10; i++) {
    await post(
      `${baseUrl}/api`,
      {
        query: `mutation($o:ID!,$g:ID!,$b:DateTime!){createEvent(organizerActorId:$o,attributedToId:$g,title:"Walk ${i}",description:"<p>Meet at the bridge.</p>",beginsOn:$b){id}}`,
        variables: {
          o: login.data.login.user.defaultActor.id,
          g: groupId,
          b: new Date(Date.UTC(2030, 2, i, 9)).toISOString()
        }
      },
      token
    );
    await post(
      `${baseUrl}/api`,
      {
        query: `mutation($g:ID!){createPost(attributedToId:$g,title:"News ${i}",body:"<p>${'The river is high this week. '.repeat(20)}</p>",visibility:PUBLIC){id}}`,
        variables: { g: groupId }
      },
      token
    );
  }
  const groupQuery = JSON.stringify({
    query:
      'query($n:String!){group(preferredUsername:$n){name summary membersCount organizedEvents(limit:5){elements{title beginsOn}} posts(limit:3){elements{title publishAt}}}}',
    variables: { n: groupName }
  });
  const feed = await post(`${baseUrl}/api`, { query: 'mutation{createFeedToken{token}}' }, token);
  const feedToken = feed.data.createFeedToken.token as string;
  const participationsQuery = JSON.stringify({
    query: '{loggedUser{participations(limit:10){total elements{role event{title beginsOn}}}}}'
  });
  const eventQuery = JSON.stringify({
    query:
      'query($u:UUID!){event(uuid:$u){title description beginsOn endsOn options{timezone} physicalAddress{locality} organizerActor{preferredUsername name} participantStats{participant going}}}',
    variables: { u: uuid }
  });

  const rows: Row[] = [];
  rows.push(await measure('node:http hello world', { url: `http://127.0.0.1:${helloPort}/` }));
  rows.push(
    await measure('event page (HTML, SSR; 2 KB text, 20 participants)', {
      url: `${baseUrl}/events/${uuid}`,
      headers: { accept: 'text/html' }
    })
  );
  rows.push(
    await measure('event ActivityPub JSON', {
      url: `${baseUrl}/events/${uuid}`,
      headers: { accept: 'application/activity+json' }
    })
  );
  rows.push(
    await measure('GraphQL event query (same event)', {
      url: `${baseUrl}/api`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: eventQuery
    })
  );

  rows.push(
    await measure('group page (HTML, SSR; 10 events, 10 posts)', {
      url: `${baseUrl}/@${groupName}`,
      headers: { accept: 'text/html' }
    })
  );
  rows.push(
    await measure('group ActivityPub JSON', {
      url: `${baseUrl}/@${groupName}`,
      headers: { accept: 'application/activity+json' }
    })
  );
  rows.push(
    await measure('GraphQL group query (events, posts)', {
      url: `${baseUrl}/api`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: groupQuery
    })
  );
  rows.push(await measure('private ICS feed (50 events)', { url: `${baseUrl}/events/going/${feedToken}/ics` }));
  rows.push(
    await measure('GraphQL my participations (signed in)', {
      url: `${baseUrl}/api`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: participationsQuery
    })
  );

  const base = rows[0]!.rps;
  const lines = [
    `bench: ${seconds} s per target, ${connections} connections, ${process.env.DATABASE_URL ? 'external PostgreSQL' : 'embedded PostgreSQL'}, Node ${process.version}`,
    '| target | req/s | p50 ms | p99 ms | share of hello-world | errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) => `| ${r.target} | ${r.rps} | ${r.p50} | ${r.p99} | ${((r.rps / base) * 100).toFixed(1)} % | ${r.errors} |`
    )
  ];
  console.log(lines.join('\n'));
} finally {
  await server.stop();
  hello.close();
  await rm(dataDir, { recursive: true, force: true });
}
