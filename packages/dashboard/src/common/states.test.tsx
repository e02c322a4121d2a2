import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryView } from './states';

describe('QueryView states', () => {
  it('shows an error with a retry, never the empty state', async () => {
    const user = userEvent.setup();
    const onRetry = jest.fn();
    render(
      <QueryView loading={false} error={{ message: 'Response not successful: 500' }} empty onRetry={onRetry}>
        {() => <table data-testid="ranking-table" />}
      </QueryView>,
    );
    expect(screen.getByTestId('state-error')).toHaveTextContent('加载失败');
    expect(screen.getByTestId('state-error')).toHaveTextContent('500');
    expect(screen.queryByTestId('state-empty')).toBeNull();
    expect(screen.queryByTestId('ranking-table')).toBeNull();
    await user.click(screen.getByTestId('state-error-retry'));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('shows loading, then empty, then the content', () => {
    const { rerender } = render(
      <QueryView loading error={null}>
        {() => <p>content</p>}
      </QueryView>,
    );
    expect(screen.getByTestId('state-loading')).toBeInTheDocument();
    rerender(
      <QueryView loading={false} empty>
        {() => <p>content</p>}
      </QueryView>,
    );
    expect(screen.getByTestId('state-empty')).toHaveTextContent('暂无数据');
    rerender(<QueryView loading={false}>{() => <p>content</p>}</QueryView>);
    expect(screen.getByText('content')).toBeInTheDocument();
  });
});
