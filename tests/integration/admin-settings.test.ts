import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { clientAs, gql } from '../helpers/graphql.ts';
import { createUserWithProfile } from '../helpers/factories.ts';
import { hasMobilizonCorpus, mobilizonOperation } from '../helpers/mobilizon-operations.ts';

const READ = '{ adminSettings { instanceName instanceDescription registrationsOpen registrationsMode } }';
const SAVE = `mutation($open: Boolean, $mode: String) {
  saveAdminSettings(registrationsOpen: $open, registrationsMode: $mode) { registrationsOpen registrationsMode }
}`;
const CONFIG = '{ config { registrationsOpen registrationsAllowlist } }';
const CREATE_USER =
  'mutation($email: String!) { createUser(email: $email, password: "a long enough password") { email } }';

type Client = Awaited<ReturnType<typeof clientAs>>;
let t: TestApp;
let admin: Client;
let moderator: Client;

async function withRole(role: 'moderator' | 'administrator') {
  const account = await createUserWithProfile(t.app);
  await t.app.services.accountAdmin.modify(account.email, { role });
  return clientAs(t.app, account.email, account.password);
}

const config = async () =>
  (await gql<{ config: { registrationsOpen: boolean; registrationsAllowlist: boolean } }>(t.app, CONFIG)).data?.config;
const mode = async () =>
  (await admin.query<{ adminSettings: { registrationsMode: string } }>(READ)).data?.adminSettings.registrationsMode;

beforeAll(async () => {
  t = await createTestApp({
    listen: false,
    workers: false,
    env: { REGISTRATIONS: 'allowlist', REGISTRATION_ALLOWLIST: 'friends.example', INSTANCE_DESCRIPTION: 'Our town' }
  });
  admin = await withRole('administrator');
  moderator = await withRole('moderator');
});
afterAll(async () => t?.stop());

describe('administrator settings', () => {
  it('start from the configuration', async () => {
    const res = await admin.query<{ adminSettings: Record<string, unknown> }>(READ);
    expect(res.errors).toBeUndefined();
    expect(res.data?.adminSettings).toEqual({
      instanceName: t.app.config.instanceName,
      instanceDescription: 'Our town',
      registrationsOpen: false,
      registrationsMode: 'allowlist'
    });
    expect(await config()).toEqual({ registrationsOpen: true, registrationsAllowlist: true });
  });

  it('are for administrators only: moderators are refused and nothing is saved', async () => {
    const read = await moderator.query(READ);
    expect(read.errors?.[0]).toMatchObject({ code: 'unauthorized', status_code: 403 });
    const save = await moderator.query(SAVE, { mode: 'open' });
    expect(save.errors?.[0]).toMatchObject({ code: 'unauthorized', status_code: 403 });
    const anonymous = await gql(t.app, SAVE, { mode: 'open' });
    expect(anonymous.errors?.[0]).toMatchObject({ code: 'unauthenticated', status_code: 401 });
    expect(await mode()).toBe('allowlist');
    expect(await config()).toEqual({ registrationsOpen: true, registrationsAllowlist: true });
  });

  it('refuse an unknown mode, saving nothing', async () => {
    const res = await admin.query(SAVE, { mode: 'sometimes' });
    expect(res.errors?.[0]).toMatchObject({ code: 'validation', field: 'registrationsMode' });
    expect(await mode()).toBe('allowlist');
  });

  it('override the configured mode for registration and for the public configuration', async () => {
    expect((await gql(t.app, CREATE_USER, { email: 'stranger1@elsewhere.example' })).errors?.[0]?.code).toBe(
      'unauthorized'
    );

    const opened = await admin.query<{ saveAdminSettings: unknown }>(SAVE, { open: true });
    expect(opened.data?.saveAdminSettings).toEqual({ registrationsOpen: true, registrationsMode: 'open' });
    expect(await config()).toEqual({ registrationsOpen: true, registrationsAllowlist: false });
    expect((await gql(t.app, CREATE_USER, { email: 'stranger2@elsewhere.example' })).errors).toBeUndefined();

    const closed = await admin.query<{ saveAdminSettings: unknown }>(SAVE, { mode: 'closed' });
    expect(closed.data?.saveAdminSettings).toEqual({ registrationsOpen: false, registrationsMode: 'closed' });
    expect(await config()).toEqual({ registrationsOpen: false, registrationsAllowlist: false });
    const refused = await gql(t.app, CREATE_USER, { email: 'ann@friends.example' });
    expect(refused.errors?.[0]).toMatchObject({ code: 'unauthorized', field: 'email' });
    const nodeinfo = await t.app.handle(new Request(`${t.baseUrl}/.well-known/nodeinfo/2.1`), '127.0.0.1');
    expect(((await nodeinfo!.json()) as { openRegistrations: boolean }).openRegistrations).toBe(false);

    // registrationsOpen: false keeps a closed mode closed (Mobilizon's client sends it on every save).
    await admin.query(SAVE, { open: false });
    expect(await mode()).toBe('closed');

    await admin.query(SAVE, { mode: 'allowlist' });
    expect((await gql(t.app, CREATE_USER, { email: 'bob@friends.example' })).errors).toBeUndefined();
    expect((await gql(t.app, CREATE_USER, { email: 'stranger3@elsewhere.example' })).errors?.[0]?.code).toBe(
      'unauthorized'
    );
  });

  it('from open, registrationsOpen: false falls back to the allowlist when there is one', async () => {
    await admin.query(SAVE, { mode: 'open' });
    await admin.query(SAVE, { open: false });
    expect(await mode()).toBe('allowlist');
  });
});

describe.skipIf(!hasMobilizonCorpus())("administrator settings with Mobilizon's client documents", () => {
  const op = (name: string) => mobilizonOperation(name).source;
  const unchanged = () => ({
    instanceName: t.app.config.instanceName,
    instanceDescription: 'Our town',
    instanceLongDescription: '',
    instanceSlogan: '',
    contact: '',
    primaryColor: null,
    secondaryColor: null,
    instanceTerms: '',
    instanceTermsType: 'DEFAULT',
    instanceTermsUrl: null,
    instancePrivacyPolicy: '',
    instancePrivacyPolicyType: 'DEFAULT',
    instancePrivacyPolicyUrl: null,
    instanceRules: '',
    instanceLanguages: []
  });

  it('AdminSettings reads what we have, and nulls for what we do not keep', async () => {
    const res = await admin.query<{ adminSettings: Record<string, unknown> }>(op('AdminSettings'));
    expect(res.errors).toBeUndefined();
    expect(res.data?.adminSettings).toMatchObject({
      instanceName: t.app.config.instanceName,
      instanceDescription: 'Our town',
      instanceSlogan: null,
      instanceLogo: null,
      instanceTermsType: null,
      instanceLanguages: null
    });
  });

  it('SaveAdminSettings, as the admin page sends it, switches registrations', async () => {
    await admin.query(SAVE, { mode: 'closed' });
    const res = await admin.query<{ saveAdminSettings: { registrationsOpen: boolean } }>(op('SaveAdminSettings'), {
      ...unchanged(),
      registrationsOpen: true
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.saveAdminSettings.registrationsOpen).toBe(true);
    expect(await mode()).toBe('open');
  });

  it('SaveAdminSettings refuses what it cannot keep, saving nothing', async () => {
    await admin.query(SAVE, { mode: 'closed' });
    const slogan = await admin.query(op('SaveAdminSettings'), {
      ...unchanged(),
      instanceSlogan: 'Meet your neighbours',
      registrationsOpen: true
    });
    expect(slogan.errors?.[0]).toMatchObject({ code: 'validation', field: 'instanceSlogan' });
    const renamed = await admin.query(op('SaveAdminSettings'), { ...unchanged(), instanceName: 'Another name' });
    expect(renamed.errors?.[0]).toMatchObject({ code: 'validation', field: 'instanceName' });
    expect(renamed.errors?.[0]?.message).toContain('INSTANCE_NAME');
    expect(await mode()).toBe('closed');
  });

  it('LoginConfig and Registrations read the mode in force and the sign-in methods', async () => {
    await admin.query(SAVE, { mode: 'allowlist' });
    const login = await gql<{ config: unknown }>(t.app, op('LoginConfig'));
    expect(login.errors).toBeUndefined();
    expect(login.data?.config).toEqual({
      auth: { databaseLogin: true, oauthProviders: [] },
      registrationsOpen: true
    });
    const registrations = await gql<{ config: unknown }>(t.app, op('Registrations'));
    expect(registrations.data?.config).toEqual({
      registrationsOpen: true,
      registrationsAllowlist: true,
      auth: { databaseLogin: true }
    });
  });
});

describe('configuration', () => {
  it('lists the IANA time zones and the sign-in methods', async () => {
    const res = await gql<{ config: { timezones: string[]; auth: Record<string, unknown> } }>(
      t.app,
      '{ config { timezones auth { ldap databaseLogin oauthProviders { id label } } } }'
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.config.timezones).toContain('Europe/Paris');
    expect(res.data?.config.timezones).toContain('UTC');
    expect(res.data?.config.auth).toEqual({ ldap: false, databaseLogin: true, oauthProviders: [] });
  });
});
