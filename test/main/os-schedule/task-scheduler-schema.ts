/**
 * A checker of Task Scheduler XML against the documented Task Scheduler Schema (version 1.2),
 * for tests only. Microsoft's schema is published element by element on learn.microsoft.com
 * ("Task Scheduler Schema Elements" / "Complex Types" / "Simple Types", pages
 * taskschedulerschema-*.md in github.com/MicrosoftDocs/win32, desktop-src/TaskSchd/); no
 * validator for XSD runs here (no xmllint), so this table restates, for every element a
 * NoteVault task may contain, what those pages define: the compositor (xs:all: any order, each
 * at most once; xs:sequence: this order), which children are required, and each simple type's
 * values. An element the table does not know is an error, as it is for Task Scheduler.
 */
import { DOMParser } from '@xmldom/xmldom';
import { SaxesParser } from 'saxes';

export const TASK_NAMESPACE = 'http://schemas.microsoft.com/windows/2004/02/mit/task';

type Check = (value: string) => boolean;

const boolean: Check = (v) => ['true', 'false', '1', '0'].includes(v);
// xs:duration (P[nY][nM][nD][T[nH][nM][nS]]), at least one part.
const duration: Check = (v) =>
  /^-?P(?!$)(\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/.test(v);
// xs:dateTime, with or without a zone.
const dateTime: Check = (v) =>
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(
    v,
  );
const nonEmpty: Check = (v) => v.trim().length > 0;
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    values.includes(v);
const intRange =
  (min: number, max: number): Check =>
  (v) =>
    /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max;

interface Complex {
  compositor: 'all' | 'sequence';
  /** Children in documented order; `required` ones must appear, `many` may repeat. */
  children: { name: string; type: string; required?: boolean; many?: number }[];
  attributes?: Record<string, Check>;
  /** For a choice group (Triggers, Actions): children may appear in any order, each up to `many`. */
  choice?: boolean;
}

const simple: Record<string, Check> = {
  boolean,
  duration,
  dateTime,
  nonEmptyString: nonEmpty,
  string: () => true,
  pathType: (v) => v.length > 0 && v.length <= 260 * 4,
  logonType: oneOf(
    'S4U',
    'Password',
    'InteractiveToken',
    'InteractiveTokenOrPassword',
    'Group',
    'ServiceAccount',
    'None',
  ),
  runLevelType: oneOf('LeastPrivilege', 'HighestAvailable'),
  multipleInstancesPolicyType: oneOf('Parallel', 'Queue', 'IgnoreNew', 'StopExisting'),
  priorityType: intRange(0, 10),
  restartCount: intRange(1, 999),
  daysInterval: intRange(1, 365),
  weeksInterval: intRange(1, 52),
  empty: (v) => v === '',
};

const triggerBase = [
  { name: 'Enabled', type: 'boolean' },
  { name: 'StartBoundary', type: 'dateTime' },
  { name: 'EndBoundary', type: 'dateTime' },
  { name: 'Repetition', type: 'repetitionType' },
  { name: 'ExecutionTimeLimit', type: 'duration' },
];
const day = (name: string) => ({ name, type: 'empty' });

const complex: Record<string, Complex> = {
  taskType: {
    compositor: 'all',
    children: [
      { name: 'RegistrationInfo', type: 'registrationInfoType' },
      { name: 'Triggers', type: 'triggersType' },
      { name: 'Settings', type: 'settingsType' },
      { name: 'Data', type: 'string' },
      { name: 'Principals', type: 'principalsType' },
      { name: 'Actions', type: 'actionsType', required: true },
    ],
    attributes: { version: oneOf('1.0', '1.1', '1.2', '1.3', '1.4'), xmlns: (v) => v === TASK_NAMESPACE },
  },
  registrationInfoType: {
    compositor: 'all',
    children: [
      'URI',
      'SecurityDescriptor',
      'Source',
      'Date',
      'Author',
      'Version',
      'Description',
      'Documentation',
    ].map((name) => ({ name, type: name === 'Date' ? 'dateTime' : 'string' })),
  },
  triggersType: {
    compositor: 'sequence',
    choice: true,
    children: [
      { name: 'BootTrigger', type: 'bootTriggerType', many: 48 },
      { name: 'TimeTrigger', type: 'timeTriggerType', many: 48 },
      { name: 'CalendarTrigger', type: 'calendarTriggerType', many: 48 },
      { name: 'LogonTrigger', type: 'logonTriggerType', many: 48 },
    ],
  },
  bootTriggerType: {
    compositor: 'sequence',
    children: [...triggerBase, { name: 'Delay', type: 'duration' }],
    attributes: { id: nonEmpty },
  },
  timeTriggerType: {
    compositor: 'sequence',
    children: [...triggerBase, { name: 'RandomDelay', type: 'duration' }],
    attributes: { id: nonEmpty },
  },
  logonTriggerType: {
    compositor: 'sequence',
    children: [
      ...triggerBase,
      { name: 'UserId', type: 'nonEmptyString' },
      { name: 'Delay', type: 'duration' },
    ],
    attributes: { id: nonEmpty },
  },
  calendarTriggerType: {
    compositor: 'sequence',
    children: [
      ...triggerBase,
      { name: 'RandomDelay', type: 'duration' },
      { name: 'ScheduleByDay', type: 'dailyScheduleType' },
      { name: 'ScheduleByWeek', type: 'weeklyScheduleType' },
    ],
    attributes: { id: nonEmpty },
  },
  dailyScheduleType: { compositor: 'sequence', children: [{ name: 'DaysInterval', type: 'daysInterval' }] },
  weeklyScheduleType: {
    compositor: 'sequence',
    children: [
      { name: 'WeeksInterval', type: 'weeksInterval' },
      { name: 'DaysOfWeek', type: 'daysOfWeekType' },
    ],
  },
  daysOfWeekType: {
    compositor: 'all',
    children: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'].map(day),
  },
  repetitionType: {
    compositor: 'all',
    children: [
      { name: 'Interval', type: 'duration', required: true },
      { name: 'Duration', type: 'duration' },
      { name: 'StopAtDurationEnd', type: 'boolean' },
    ],
  },
  principalsType: {
    compositor: 'sequence',
    children: [{ name: 'Principal', type: 'principalType', required: true }],
  },
  principalType: {
    compositor: 'all',
    children: [
      { name: 'UserId', type: 'nonEmptyString' },
      { name: 'LogonType', type: 'logonType' },
      { name: 'GroupId', type: 'nonEmptyString' },
      { name: 'DisplayName', type: 'string' },
      { name: 'RunLevel', type: 'runLevelType' },
    ],
    attributes: { id: nonEmpty },
  },
  settingsType: {
    compositor: 'all',
    children: [
      { name: 'AllowStartOnDemand', type: 'boolean' },
      { name: 'RestartOnFailure', type: 'restartType' },
      { name: 'MultipleInstancesPolicy', type: 'multipleInstancesPolicyType' },
      { name: 'DisallowStartIfOnBatteries', type: 'boolean' },
      { name: 'StopIfGoingOnBatteries', type: 'boolean' },
      { name: 'AllowHardTerminate', type: 'boolean' },
      { name: 'StartWhenAvailable', type: 'boolean' },
      { name: 'NetworkProfileName', type: 'string' },
      { name: 'RunOnlyIfNetworkAvailable', type: 'boolean' },
      { name: 'WakeToRun', type: 'boolean' },
      { name: 'Enabled', type: 'boolean' },
      { name: 'Hidden', type: 'boolean' },
      { name: 'DeleteExpiredTaskAfter', type: 'duration' },
      { name: 'IdleSettings', type: 'idleSettingsType' },
      { name: 'ExecutionTimeLimit', type: 'duration' },
      { name: 'Priority', type: 'priorityType' },
      { name: 'RunOnlyIfIdle', type: 'boolean' },
    ],
  },
  restartType: {
    compositor: 'all',
    children: [
      { name: 'Interval', type: 'duration', required: true },
      { name: 'Count', type: 'restartCount', required: true },
    ],
  },
  idleSettingsType: {
    compositor: 'all',
    children: [
      { name: 'Duration', type: 'duration' },
      { name: 'WaitTimeout', type: 'duration' },
      { name: 'StopOnIdleEnd', type: 'boolean' },
      { name: 'RestartOnIdle', type: 'boolean' },
    ],
  },
  actionsType: {
    compositor: 'sequence',
    choice: true,
    children: [{ name: 'Exec', type: 'execType', many: 32 }],
    attributes: { Context: nonEmpty },
  },
  execType: {
    compositor: 'sequence',
    children: [
      { name: 'Command', type: 'pathType', required: true },
      { name: 'Arguments', type: 'string' },
      { name: 'WorkingDirectory', type: 'pathType' },
    ],
    attributes: { id: nonEmpty },
  },
};

/** Every way `xml` breaks the documented schema; empty when it conforms. */
export function taskSchemaProblems(xml: string): string[] {
  const problems: string[] = [];
  // xmldom is lenient (a bare & or a mismatched end tag passes): saxes, a conforming parser,
  // decides well-formedness first.
  const sax = new SaxesParser({ xmlns: true });
  sax.on('error', (error) => problems.push(`not well-formed: ${error.message}`));
  sax.write(xml).close();
  if (problems.length > 0) return problems;
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const root = doc.documentElement;
  if (root === null || root.localName !== 'Task' || root.namespaceURI !== TASK_NAMESPACE) {
    return [`the root element must be Task in ${TASK_NAMESPACE}`];
  }
  checkComplex(root, 'taskType', '/Task', problems);
  checkPrincipalReference(root, problems);
  return problems;
}

function childElements(element: Element): Element[] {
  const out: Element[] = [];
  for (let node = element.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === 1) out.push(node as Element);
    else if (node.nodeType === 3 && (node.nodeValue ?? '').trim() !== '') {
      out.push(Object.assign(Object.create(null) as Element, { localName: '#text' }));
    }
  }
  return out;
}

function checkComplex(element: Element, typeName: string, path: string, problems: string[]): void {
  const type = complex[typeName];
  if (type === undefined) throw new Error(`No complex type ${typeName} in the table`);
  for (let i = 0; i < element.attributes.length; i += 1) {
    const attribute = element.attributes.item(i)!;
    const check = type.attributes?.[attribute.name];
    if (check === undefined) problems.push(`${path}: attribute ${attribute.name} is not allowed`);
    else if (!check(attribute.value))
      problems.push(`${path}/@${attribute.name}: "${attribute.value}" is not allowed`);
  }
  const children = childElements(element);
  const counts = new Map<string, number>();
  let lastIndex = -1;
  for (const child of children) {
    const childPath = `${path}/${child.localName}`;
    if (child.localName === '#text') {
      problems.push(`${path}: text is not allowed among its elements`);
      continue;
    }
    if (child.namespaceURI !== TASK_NAMESPACE) problems.push(`${childPath}: not in the task namespace`);
    const index = type.children.findIndex((c) => c.name === child.localName);
    if (index < 0) {
      problems.push(`${childPath}: no such element in ${typeName}`);
      continue;
    }
    const rule = type.children[index]!;
    const count = (counts.get(rule.name) ?? 0) + 1;
    counts.set(rule.name, count);
    if (count > (rule.many ?? 1)) problems.push(`${childPath}: appears more than ${rule.many ?? 1} time(s)`);
    if (type.compositor === 'sequence' && !type.choice) {
      if (index < lastIndex) problems.push(`${childPath}: out of the schema's order in ${typeName}`);
      lastIndex = index;
    }
    if (rule.type in complex) checkComplex(child, rule.type, childPath, problems);
    else checkSimple(child, rule.type, childPath, problems);
  }
  for (const rule of type.children) {
    if (rule.required && !counts.has(rule.name))
      problems.push(`${path}: the required ${rule.name} is missing`);
  }
}

function checkSimple(element: Element, typeName: string, path: string, problems: string[]): void {
  const check = simple[typeName];
  if (check === undefined) throw new Error(`No simple type ${typeName} in the table`);
  if (childElements(element).some((c) => c.localName !== '#text')) {
    problems.push(`${path}: ${typeName} holds no elements`);
    return;
  }
  const value = element.textContent ?? '';
  if (!check(value)) problems.push(`${path}: "${value}" is not a valid ${typeName}`);
}

/** Actions/@Context must name a Principal's id (xs:IDREF). */
function checkPrincipalReference(root: Element, problems: string[]): void {
  const context = root.getElementsByTagName('Actions').item(0)?.getAttribute('Context');
  if (!context) return;
  const principal = root.getElementsByTagName('Principal').item(0);
  if (principal?.getAttribute('id') !== context) {
    problems.push(`/Task/Actions/@Context: "${context}" names no Principal`);
  }
}
