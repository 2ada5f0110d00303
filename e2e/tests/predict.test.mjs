// Predict, then run: "Run the drill" first asks the lesson's question; a choice starts the drill
// as the button alone used to; once the run's clock has passed the drill the lesson shows the
// prediction beside what the run measured. In English and in Korean, at two window sizes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve, launch, openPage, shot, until } from '../lib/harness.mjs';

let server;
let browser;

before(async () => {
  server = await serve();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const lessons = async () => JSON.parse(await readFile(new URL('../../static/lessons.json', import.meta.url), 'utf8'));

/** The simulated clock [s] as the dock shows it. */
const clock = (page) => page.locator('[data-metric=clock]').textContent().then((t) => Number(t.replace(/[^0-9.]/g, '')));

test('step 5: predict that p99 passes 2 s, run the cache outage at full speed, see it measured', async () => {
  const { lessons: all } = await lessons();
  const cache = all.find((l) => l.scenario === '05-cache');
  const right = cache.predict.choices[cache.predict.answer].en;
  const g = await openPage(browser, server.origin, { width: 1280, height: 800 });
  const { page } = g;
  await page.goto(server.url('?scenario=05-cache'));
  await page.locator('article.lesson').waitFor();
  await page.locator('.run-dock select[aria-label=Speed]').selectOption('max');
  await page.getByRole('button', { name: 'Run the drill' }).click();

  // The question, its three choices and a quiet Skip; nothing is scheduled yet.
  const question = page.locator('article.lesson .predict');
  await question.waitFor();
  assert.match(await question.textContent(), new RegExp(cache.predict.en.question.slice(0, 30)));
  assert.equal(await question.locator('button.choice').count(), cache.predict.choices.length);
  assert.equal(await page.locator('.schedule li').count(), 0, 'nothing runs before a choice');
  // Keyboard users land on the first choice.
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('choice')), true);
  await shot(page, 'predict-01-question-1280');

  await question.getByRole('button', { name: right }).click();
  await question.waitFor({ state: 'detached' });
  const result = page.locator('article.lesson .predict-result');
  await result.waitFor();
  assert.match(await result.textContent(), /You predicted:/);
  assert.equal(await page.locator('.schedule li').count(), cache.drill.length, 'the drill is scheduled as before');

  // The drill's last fault is at 50 s; the outcome is told once the clock passes 60 s.
  await until(page, () => document.querySelector('.predict-result')?.dataset.state !== 'watching', undefined,
    { what: 'the outcome of the drill is told (the result leaves its "watching" state)', timeout: 90_000 });
  assert.ok((await clock(page)) >= 60, 'not before the drill and its settling time are over');
  assert.equal(await result.getAttribute('data-state'), 'matched');
  const told = await result.textContent();
  assert.match(told, /What happened:/);
  const p99 = told.match(/p99 peaked at ([0-9.]+) (ms|s)/);
  assert.ok(p99, `the measured value is shown: ${told}`);
  assert.ok(p99[2] === 's' && Number(p99[1]) >= 2, `p99 past 2 s: ${p99[0]}`);
  assert.match(told, /Your prediction matched/);
  await page.locator('.run-dock button.primary', { hasText: 'Pause' }).click();
  await result.scrollIntoViewIfNeeded();
  await shot(page, 'predict-02-matched-1280');
  g.assertClean(assert);
  await g.context.close();
});

test('in Korean, a wrong guess is told as one; switching step or reloading leaves no stale question', async () => {
  const { lessons: all } = await lessons();
  const one = all.find((l) => l.scenario === '01-single-server');
  const wrong = one.predict.choices.findIndex((_, i) => i !== one.predict.answer);
  const g = await openPage(browser, server.origin, { width: 1024, height: 768 });
  const { page } = g;
  await page.goto(server.url('?scenario=01-single-server&lang=ko'));
  await page.locator('html[lang="ko"]').waitFor();
  await page.locator('article.lesson').waitFor();

  // A question opened, then another step: it is gone there, and gone after a reload too.
  await page.getByRole('button', { name: '훈련 실행' }).click();
  await page.locator('article.lesson .predict').waitFor();
  await page.getByRole('button', { name: /다음 단계/ }).click();
  await page.locator('article.lesson[data-lesson="02-web-and-db"]').waitFor();
  assert.equal(await page.locator('article.lesson .predict').count(), 0, 'no question carried to step 2');
  await page.getByRole('button', { name: '훈련 실행' }).click();
  await page.locator('article.lesson .predict').waitFor();
  await page.reload();
  await page.locator('article.lesson').waitFor();
  assert.equal(await page.locator('article.lesson .predict').count(), 0, 'no question after a reload');
  await page.goto(server.url('?scenario=01-single-server&lang=ko'));
  await page.locator('article.lesson[data-lesson="01-single-server"]').waitFor();

  await page.locator('.run-dock select[aria-label="속도"]').selectOption('최대');
  await page.getByRole('button', { name: '훈련 실행' }).click();
  const question = page.locator('article.lesson .predict');
  await question.waitFor();
  assert.match(await question.textContent(), /먼저 예측해 보세요/);
  assert.match(await question.textContent(), new RegExp(one.predict.ko.question.slice(0, 12)));
  await shot(page, 'predict-03-question-ko-1024');
  await question.getByRole('button', { name: one.predict.choices[wrong].ko }).click();

  const result = page.locator('article.lesson .predict-result');
  await until(page, () => ['matched', 'missed'].includes(document.querySelector('.predict-result')?.dataset.state), undefined,
    { what: 'the outcome of step 1\'s spike is told', timeout: 90_000 });
  assert.equal(await result.getAttribute('data-state'), 'missed', 'a wrong guess is said to be one');
  const told = await result.textContent();
  assert.match(told, /내 예측:/);
  assert.match(told, /실제 결과:/);
  assert.match(told, /양호 비율 최저 0 %/, `the measured value: ${told}`);
  assert.match(told, /예측과 달랐습니다/);
  assert.ok(told.includes(one.predict.choices[one.predict.answer].ko), 'what happened is the lesson\'s answer');
  await page.locator('.run-dock button.primary').first().click(); // pause
  await result.scrollIntoViewIfNeeded();
  await shot(page, 'predict-04-missed-ko-1024');
  g.assertClean(assert);
  await g.context.close();
});
