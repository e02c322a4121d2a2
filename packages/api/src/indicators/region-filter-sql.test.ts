import { regionFilterSql, regionWhereSql } from './region-filter-sql';

describe('region filter (indicators.md §6: the region of a case is its handling unit’s region)', () => {
  it('fixes every hierarchy column down to the code’s level, each code a bound parameter', () => {
    expect(regionFilterSql('330000')).toEqual({
      where: ['province_code = {regionProvince:String}'],
      params: { regionProvince: '330000' },
    });
    expect(regionFilterSql('330102001')).toEqual({
      where: [
        'province_code = {regionProvince:String}',
        'city_code = {regionCity:String}',
        'county_code = {regionCounty:String}',
        'station_code = {regionStation:String}',
      ],
      params: { regionProvince: '330000', regionCity: '330100', regionCounty: '330102', regionStation: '330102001' },
    });
    expect(regionWhereSql('330102')).toBe(
      'province_code = {regionProvince:String} AND city_code = {regionCity:String} AND county_code = {regionCounty:String}',
    );
  });

  it('the text depends only on the level', () => {
    expect(regionWhereSql('330200')).toBe(regionWhereSql('330100'));
    expect(regionFilterSql('330200').params).toEqual({ regionProvince: '330000', regionCity: '330200' });
  });
});
