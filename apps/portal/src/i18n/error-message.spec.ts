import { GatewayError, toGatewayError } from '../api/gateway-error';
import { describeError, errorMessageKey } from './error-message';
import { translator } from './translate';

const zh = translator('zh');
const en = translator('en');

describe('describeError', () => {
  it.each([
    ['UNAUTHENTICATED', '登录已失效，请重新登录。'],
    ['FORBIDDEN', '您没有执行此操作的权限。'],
    ['NOT_FOUND', '未找到该记录，或您无权查看。'],
    ['CONFLICT', '数据已被他人修改，请刷新后重试。'],
    ['RATE_LIMITED', '请求过于频繁，请稍后再试。'],
    ['QUERY_TOO_COSTLY', '查询范围过大，请缩小范围后重试。'],
    ['DUPLICATE_USCC', '该统一社会信用代码已有入驻记录。'],
    ['CAPACITY_EXCEEDED', '资源池容量不足。'],
    ['FUTURE_MONTH', '不能为尚未结束的月份申报。'],
    ['SERVICE_UNAVAILABLE', '服务暂时不可用，请稍后重试。'],
    ['PARTNER_REVOKED', '该合作方已被吊销，不能再执行此操作。'],
    ['KAFKA_UNAVAILABLE', 'Kafka 暂时不可用，未做任何更改，请稍后重试。'],
  ])('says %s as a Chinese sentence', (code, sentence) => {
    expect(describeError(new GatewayError(code, 'raw english message'), zh)).toBe(sentence);
  });

  it('says the partner registry\'s refusals in English too', () => {
    expect(describeError(new GatewayError('PARTNER_REVOKED', 'partner x was revoked'), en)).toBe('This partner has been revoked; it cannot be changed any more.');
    expect(describeError(new GatewayError('KAFKA_UNAVAILABLE', 'broker down'), en)).toBe('Kafka is unavailable right now; nothing was changed. Try again shortly.');
  });

  it('names the transition a service refused, in the user\'s words', () => {
    const error = toGatewayError(200, [{ message: 'cannot approve', extensions: { code: 'INVALID_TRANSITION', from: 'rejected', to: 'approved', action: 'approve' } }]);
    expect(describeError(error, zh)).toBe('当前状态下不能执行此操作（已驳回 → 已入驻）。');
    expect(describeError(error, en)).toBe('Not possible in the current state (Rejected → Resident).');
  });

  it('keeps the field of a BAD_USER_INPUT', () => {
    const error = toGatewayError(200, [{ message: 'must be 1 to 100', extensions: { code: 'BAD_USER_INPUT', field: 'first' } }]);
    expect(describeError(error, en)).toBe('Please check your input: first: must be 1 to 100');
  });

  it('falls back to a sentence for codes it does not know and for failures without an answer', () => {
    expect(errorMessageKey('SOMETHING_NEW')).toBe('error.UNKNOWN');
    expect(describeError(new GatewayError('SOMETHING_NEW', 'the reactor is sad'), en)).toBe('The operation failed: the reactor is sad');
    expect(describeError(new TypeError('Failed to fetch'), zh)).toBe('无法连接网关，请检查网络后重试。');
  });

  it('reads codes from HTTP refusals without a GraphQL body', () => {
    expect(toGatewayError(401, undefined).code).toBe('UNAUTHENTICATED');
    expect(toGatewayError(429, undefined).code).toBe('RATE_LIMITED');
    expect(toGatewayError(502, undefined).code).toBe('SERVICE_UNAVAILABLE');
    expect(toGatewayError(429, [{ message: 'Too many requests: try again in 2 s.', extensions: { code: 'RATE_LIMITED' } }]).code).toBe('RATE_LIMITED');
  });
});
